"""The settings registry: defaults, file, environment, flags, in that order."""
import pytest

from dispatch.errors import InvalidInput
from dispatch.settings import ETA_DETOUR, LANGUAGE, REGISTRY, Settings


def test_precedence(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text('[eta]\ndetour_factor = 1.5\n[ui]\nlanguage = "en"\n')
    assert Settings.load(path, environ={}).get(ETA_DETOUR) == 1.5
    env = {"SAFEDESK_ETA_DETOUR_FACTOR": "1.7"}
    assert Settings.load(path, environ=env).get(ETA_DETOUR) == 1.7
    assert Settings.load(path, environ=env,
                         overrides={"eta.detour_factor": 2}).get(ETA_DETOUR) == 2.0
    assert Settings.load(tmp_path / "missing.toml", environ={}).get(LANGUAGE) == "id"


def test_bad_values_are_one_clear_error(tmp_path):
    path = tmp_path / "settings.toml"
    path.write_text('[ui]\nlanguage = "fr"\n')
    with pytest.raises(InvalidInput, match="ui.language.*not one of"):
        Settings.load(path, environ={}).get(LANGUAGE)
    path.write_text("this is = = not toml")
    with pytest.raises(InvalidInput, match="not valid TOML"):
        Settings.load(path, environ={})


def test_every_key_has_help_and_secrets_are_masked():
    settings = Settings.in_memory()
    for setting in REGISTRY.all():
        assert setting.help
    from dispatch.settings import declare
    secret = declare("test.secret_token", str, "", "a test secret", secret=True) \
        if "test.secret_token" not in REGISTRY else REGISTRY["test.secret_token"]
    settings.set(secret, "hunter2")
    rows = {row["key"]: row for row in settings.describe()}
    assert rows["test.secret_token"]["value"] == "***"
