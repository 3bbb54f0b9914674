import pytest

from embedlab.errors import ConfigError, EmbedlabError, one_line_errors


def test_user_errors_exit_2_with_one_line(capsys):
    @one_line_errors
    def main():
        raise ConfigError("head", "mpl", ["mlp", "monotonic"])

    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 2
    assert capsys.readouterr().err == "error: params: head='mpl' is not allowed; expected mlp, monotonic (did you mean 'mlp'?)\n"


def test_ctrl_c_exits_130_with_one_line(capsys):
    @one_line_errors
    def main():
        raise KeyboardInterrupt

    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 130
    assert capsys.readouterr().err.count("\n") == 1


def test_bugs_keep_their_traceback():
    @one_line_errors
    def main():
        raise ZeroDivisionError

    with pytest.raises(ZeroDivisionError):
        main()


def test_errors_are_embedlab_errors():
    assert issubclass(ConfigError, EmbedlabError)
