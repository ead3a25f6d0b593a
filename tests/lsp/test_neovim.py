"""Neovim, headless, with provlint lsp attached through its own LSP client
(tests/lsp/nvim.lua): diagnostics on open, after typing, after a code action,
and a hover. Neovim counts columns in bytes, whatever the encoding the server
and it agreed on, so the columns below are byte columns."""

import json
import os
import shutil
import subprocess

import pytest
from conftest import BIN, DRAFT, ROOT, require_server

NVIM = shutil.which("nvim")


def test_neovim_shows_the_findings_of_a_draft_being_edited(tmp_path):
    if not NVIM:
        if os.environ.get("CI"):
            pytest.fail("nvim is not installed: .ci/run installs Debian's neovim package")
        pytest.skip("nvim is not installed (apt-get install neovim); skipped")
    require_server()
    draft = tmp_path / "draft.md"
    draft.write_text(DRAFT)
    out = tmp_path / "seen.json"
    env = dict(os.environ, PROVLINT_BIN=BIN, PROVLINT_ROOT=str(ROOT),
               PROVLINT_DRAFT=str(draft), PROVLINT_OUT=str(out))
    subprocess.run([NVIM, "--headless", "--clean", "-c", f"luafile {ROOT / 'tests/lsp/nvim.lua'}"],
                   env=env, cwd=tmp_path, timeout=240, check=True,
                   stdin=subprocess.DEVNULL, capture_output=True)
    seen = json.loads(out.read_text())
    assert "error" not in seen, seen["error"]
    assert seen["encoding"] == "utf-16"  # Neovim 0.7 offers no other

    # `Víctor dijo «Enríquez» 𝄞 that "` is 38 bytes.
    flakin, wsws = seen["opened"]
    assert (flakin["code"], flakin["lnum"], flakin["col"]) == ("quote::mismatch", 2, 38)
    assert flakin["end_col"] == 38 + len("the Chilean Army began bombing La Moneda, the presidential palace in the center of Santiago.")
    assert (wsws["lnum"], wsws["col"]) == (6, 30)
    # `𝄞 ` typed before it: 5 bytes further.
    assert seen["typed"][0]["col"] == 43

    assert seen["actions"] == ["Use the exact words of flakin-2019", "Suppress quote::mismatch on this line"]
    assert "the Chilean Air Force began bombing" in seen["fixed_line"]
    assert [d["lnum"] for d in seen["fixed"]] == [6]

    assert "[-acolytes-]{+disciples+}" in seen["hover"]
    assert "World Socialist Web Site" in seen["hover"]
