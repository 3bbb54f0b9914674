"""Downloaded archives are extracted only inside the data folder.

torchvision's dataset classes call ``tarfile.extractall`` without a filter, so a
crafted archive could write outside the download root (absolute paths, ``..``, links).
Inside :func:`safe_extraction`, Python's ``data`` filter (PEP 706) rejects such
members; zip extraction already drops them.
"""

import contextlib
import tarfile

from embedlab.errors import DataError


@contextlib.contextmanager
def safe_extraction(dataset):
    previous = tarfile.TarFile.extraction_filter
    tarfile.TarFile.extraction_filter = staticmethod(tarfile.data_filter)
    try:
        yield
    except tarfile.FilterError as error:
        raise DataError(f"dataset {dataset}: refusing to extract {error.tarinfo.name!r} outside the data folder") from None
    finally:
        tarfile.TarFile.extraction_filter = previous
