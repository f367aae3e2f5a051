"""learnlog.domain.notebooks: the images in a notebook's outputs, each named after
its notebook, its cell (counted from 1, markdown cells too) and its number in that
cell, with names that stay one file inside an assets folder whatever the notebook
is called."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path, PurePosixPath, PureWindowsPath

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from learnlog.domain.notebooks import (
    MAX_NOTEBOOK_BYTES, MAX_STEM_BYTES, LeftOut, NotebookError, image_name, image_stem, is_notebook, notebook_images,
)
from learnlog.domain.records import MAX_ATTACHMENT_BYTES, check_attachment_name
from learnlog.errors import InputError
from tests.notebooks import (
    BLUE, GIF, GREEN, RED, SVG, b64, code, markdown, notebook, picture, regression_notebook, shown,
)


# The naming rule --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("notebook_name", "stem"),
    [
        pytest.param("03-regression.ipynb", "03-regression", id="plain"),
        pytest.param("Loss Curves.IPYNB", "Loss Curves", id="suffix-in-any-case"),
        pytest.param("notebooks/03-regression.ipynb", "03-regression", id="a-path-in-a-repository"),
        pytest.param("../../etc/passwd.ipynb", "passwd", id="parent-folders"),
        pytest.param("/etc/cron.d/job.ipynb", "job", id="absolute-path"),
        pytest.param("C:\\Users\\me\\eda.ipynb", "eda", id="windows-path"),
        pytest.param("..ipynb", "notebook", id="dots-alone"),
        pytest.param("...ipynb", "notebook", id="more-dots"),
        pytest.param("..", "notebook", id="parent-folder-alone"),
        pytest.param("notebooks/", "notebooks", id="trailing-slash"),
        pytest.param(".hidden.ipynb", "hidden", id="no-hidden-file"),
        pytest.param("  spaced  .ipynb", "spaced", id="outer-spaces"),
        pytest.param("fit\nplot.ipynb", "fit_plot", id="newline"),
        pytest.param("bell\x07\x1b[31m.ipynb", "bell__[31m", id="control-characters"),
        pytest.param("gpj\u202eipynb.ipynb", "gpj_ipynb", id="bidi-override"),
        pytest.param('what: "why"? <a|b>*.ipynb', "what_ _why__ _a_b__", id="what-windows-refuses"),
        pytest.param("régression ∑ 回帰.ipynb", "régression ∑ 回帰", id="letters-of-any-script"),
        pytest.param("notebook.json", "notebook.json", id="another-suffix-stays"),
        pytest.param("", "notebook", id="empty"),
    ],
)
def test_an_images_name_keeps_what_is_safe_of_its_notebooks_name(notebook_name, stem):
    assert image_stem(notebook_name) == stem


def test_a_long_notebook_name_is_cut_at_a_character_within_the_byte_limit():
    stem = image_stem("回" * 200 + ".ipynb")
    assert stem == "回" * (MAX_STEM_BYTES // 3)
    assert len(stem.encode()) <= MAX_STEM_BYTES


@pytest.mark.parametrize(
    ("cell", "number", "media_type", "name"),
    [
        (12, 1, "image/png", "03-regression-cell12-1.png"),
        (1, 3, "image/jpeg", "03-regression-cell1-3.jpg"),
        (7, 2, "image/gif", "03-regression-cell7-2.gif"),
        (40, 1, "image/svg+xml", "03-regression-cell40-1.svg"),
    ],
)
def test_an_image_is_named_by_notebook_cell_and_number(cell, number, media_type, name):
    assert image_name("03-regression.ipynb", cell, number, media_type) == name


@given(st.text())
@example("../" * 100)
@example("\x00.ipynb")
@example("/")
def test_an_images_name_is_one_file_inside_the_assets_folder_whatever_the_notebook_is_called(notebook_name):
    name = image_name(notebook_name, 2_147_483_647, 99, "image/svg+xml")
    assert check_attachment_name(name) == name
    assert "/" not in name and "\\" not in name
    assert PurePosixPath(name).name == name == PureWindowsPath(name).name
    assert not name.startswith((".", " "))
    assert not any(unicodedata.category(char).startswith("C") for char in name)
    assert len(f"{2**31}-{name}".encode()) <= 255
    folder = Path("/tmp/assets")
    assert (folder / name).resolve().parent == folder.resolve()
    # As `post draft` writes it.
    assert (folder / f"12-{Path(name).name}").parent == folder


@pytest.mark.parametrize(
    ("name", "expected"),
    [("a.ipynb", True), ("A.IPYNB", True), ("a.ipynb.png", False), ("ipynb", False), ("a.json", False)],
)
def test_a_notebook_is_known_by_its_name(name, expected):
    assert is_notebook(name) is expected


# Extraction ---------------------------------------------------------------------------


def test_images_come_in_cell_order_numbered_within_their_cell_markdown_cells_counted():
    found = notebook_images(regression_notebook(), "03-regression.ipynb")

    assert [(image.name, image.media_type, image.cell) for image in found.images] == [
        ("03-regression-cell3-1.png", "image/png", 3),
        ("03-regression-cell3-2.gif", "image/gif", 3),
        ("03-regression-cell5-1.svg", "image/svg+xml", 5),
    ]
    assert [image.content for image in found.images] == [RED, GIF, SVG]
    assert found.left_out == ()
    assert found.notebook == "03-regression.ipynb"


def test_display_data_and_execute_results_both_give_images_and_other_outputs_none():
    content = notebook(
        code(picture(RED, kind="execute_result"), picture(GREEN)),
        code(
            shown({"text/plain": "42"}, "execute_result"),
            shown({"text/html": "<img src='x.png'>", "application/pdf": b64(b"%PDF-1.4")}),
        ),
        code(picture(BLUE, "image/jpeg")),
    )

    found = notebook_images(content, "mixed.ipynb")

    assert [(image.name, image.content) for image in found.images] == [
        ("mixed-cell1-1.png", RED), ("mixed-cell1-2.png", GREEN), ("mixed-cell3-1.jpg", BLUE),
    ]


def test_an_output_holding_a_figure_as_svg_and_as_png_gives_the_svg_jupyter_shows():
    content = notebook(code(shown({"image/png": b64(RED), "image/svg+xml": SVG.decode(), "text/plain": "fig"})))

    (image,) = notebook_images(content, "both.ipynb").images

    assert (image.name, image.content) == ("both-cell1-1.svg", SVG)


def test_an_svg_stored_as_a_list_of_lines_is_joined():
    raw = json.loads(notebook(code(picture(RED))))
    raw["cells"][0]["outputs"][0]["data"] = {"image/svg+xml": ["<svg>\n", "<g/>\n", "</svg>"]}

    (image,) = notebook_images(json.dumps(raw).encode(), "lines.ipynb").images

    assert image.content == b"<svg>\n<g/>\n</svg>"


def test_base64_split_over_lines_as_old_notebooks_store_it_is_read():
    raw = json.loads(notebook(code(picture(RED))))
    encoded = b64(RED)
    raw["cells"][0]["outputs"][0]["data"]["image/png"] = [encoded[:10] + "\n", encoded[10:] + "\n"]

    (image,) = notebook_images(json.dumps(raw).encode(), "wrapped.ipynb").images

    assert image.content == RED


def test_an_image_over_the_attachment_limit_is_left_out_by_name_and_its_number_kept():
    huge = b"\x89PNG" + bytes(MAX_ATTACHMENT_BYTES)
    content = notebook(code(picture(huge), picture(RED)))

    found = notebook_images(content, "big.ipynb")

    assert [image.name for image in found.images] == ["big-cell1-2.png"]
    assert found.left_out == (LeftOut("big-cell1-1.png", "10.0 MB is over the 10 MB limit"),)


def test_an_image_exactly_at_the_limit_is_kept():
    exact = b"\x89PNG" + bytes(MAX_ATTACHMENT_BYTES - 4)
    (image,) = notebook_images(notebook(code(picture(exact))), "edge.ipynb").images
    assert len(image.content) == MAX_ATTACHMENT_BYTES


def test_an_image_repeated_in_a_notebook_is_taken_once_the_repeat_named():
    content = notebook(code(picture(RED)), markdown(), code(picture(GREEN), picture(RED)))

    found = notebook_images(content, "again.ipynb")

    assert [image.name for image in found.images] == ["again-cell1-1.png", "again-cell3-1.png"]
    assert found.left_out == (LeftOut("again-cell3-2.png", "the same image as again-cell1-1.png"),)


def test_broken_base64_is_left_out_and_the_rest_kept():
    raw = json.loads(notebook(code(picture(RED), picture(GREEN))))
    raw["cells"][0]["outputs"][0]["data"]["image/png"] = "not base64 at all!"

    found = notebook_images(json.dumps(raw).encode(), "broken.ipynb")

    assert [image.content for image in found.images] == [GREEN]
    assert found.left_out == (LeftOut("broken-cell1-1.png", "its image data is broken"),)


def test_a_notebook_without_outputs_gives_no_images():
    found = notebook_images(notebook(markdown(), code(source="x = 1")), "empty.ipynb")
    assert (found.images, found.left_out) == ((), ())


def test_an_older_notebook_format_is_read_as_version_4():
    v3 = {
        "nbformat": 3, "nbformat_minor": 0, "metadata": {},
        "worksheets": [{"cells": [
            {"cell_type": "markdown", "source": "# Old", "metadata": {}},
            {"cell_type": "code", "input": "plot()", "language": "python", "metadata": {}, "prompt_number": 1,
             "outputs": [{"output_type": "display_data", "png": b64(RED), "metadata": {}}]},
        ]}],
    }

    (image,) = notebook_images(json.dumps(v3).encode(), "old.ipynb").images

    assert (image.name, image.content) == ("old-cell2-1.png", RED)


def test_cells_without_ids_are_read_without_a_word_on_stderr(capfd):
    raw = json.loads(notebook(code(picture(RED))))
    del raw["cells"][0]["id"]

    assert len(notebook_images(json.dumps(raw).encode(), "no-ids.ipynb").images) == 1
    assert capfd.readouterr().err == ""


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        pytest.param(b"hello", "not a Jupyter notebook (it is not JSON)", id="not-json"),
        pytest.param(b"\xff\xfe{}", "not a Jupyter notebook (it is not UTF-8 text)", id="not-utf-8"),
        pytest.param(b"[1, 2]", "not a Jupyter notebook (its JSON is not an object)", id="a-list"),
        pytest.param(b'{"cells": 5}', "not a Jupyter notebook (it has no 'nbformat' version)", id="no-version"),
        pytest.param(
            b'{"nbformat": 99, "nbformat_minor": 0, "cells": []}',
            "not a Jupyter notebook nbformat can read (Unsupported nbformat version 99)", id="unknown-version",
        ),
        pytest.param(
            b'{"nbformat": 4, "nbformat_minor": 4, "metadata": {}, "cells": 5}',
            "not a valid Jupyter notebook (5 is not of type 'array')", id="cells-not-a-list",
        ),
        pytest.param(
            b'{"nbformat": 4, "metadata": {}, "cells": []}',
            "not a valid Jupyter notebook ('nbformat_minor' is a required property)", id="schema",
        ),
        pytest.param(
            json.dumps({"nbformat": 4, "nbformat_minor": 4, "metadata": {}, "cells": [{
                "cell_type": "code", "source": "", "metadata": {}, "execution_count": None,
                "outputs": [{"output_type": "display_data", "metadata": {}, "data": {"image/png": 5}}],
            }]}).encode(),
            "not a valid Jupyter notebook (5 is not valid under any of the given schemas)", id="image-not-text",
        ),
    ],
)
def test_what_is_not_a_valid_notebook_is_refused_saying_why(content, reason):
    with pytest.raises(NotebookError) as raised:
        notebook_images(content, "bad.ipynb")
    assert raised.value.reason == reason
    assert str(raised.value) == f"bad.ipynb: {reason}"
    assert isinstance(raised.value, InputError)


def test_a_notebook_over_50_mb_is_refused_before_it_is_read():
    with pytest.raises(NotebookError) as raised:
        notebook_images(b" " * (MAX_NOTEBOOK_BYTES + 1), "huge.ipynb")
    assert raised.value.reason == "50.0 MB is over the 50 MB limit for a notebook"


@pytest.mark.parametrize("notebook_name", ["", "a" * 256 + ".ipynb", "nul\x00.ipynb"], ids=["empty", "long", "nul"])
def test_a_notebook_name_no_attachment_could_record_is_refused(notebook_name):
    with pytest.raises(InputError):
        notebook_images(notebook(), notebook_name)
