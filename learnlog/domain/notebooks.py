"""The images in a Jupyter notebook's outputs, taken out to be attachments of
their own: the plot a notebook drew is what a learning-in-public post shows.

Pure: bytes in, plain records out. Both `attach` (a notebook file) and git sync
(a notebook read through `git show`) call `notebook_images`. nbformat is
imported inside the functions that read a notebook, so that nothing else pays
for it.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import unicodedata
from dataclasses import dataclass

from learnlog.domain.records import MAX_ATTACHMENT_BYTES, check_attachment_name
from learnlog.errors import InputError

MAX_NOTEBOOK_BYTES = 50 * 1024 * 1024
"""The largest notebook read: its images may be taken even when the notebook
itself is over the attachment limit, but no further."""

NOTEBOOK_TYPE = "application/x-ipynb+json"

IMAGE_TYPES = {"image/svg+xml": "svg", "image/png": "png", "image/jpeg": "jpg", "image/gif": "gif"}
"""The image types taken from outputs, with their files' extension, in the order
Jupyter prefers them: an output that holds several (a figure as SVG and as PNG)
gives one image, the one Jupyter would show."""

IMAGE_OUTPUTS = ("display_data", "execute_result")

MAX_STEM_BYTES = 150
"""The longest notebook name (UTF-8 bytes) kept in an image's name, so that
`1234-{name}` stays well within the 255 bytes a file system allows a file name."""

_UNSAFE = frozenset('/\\<>:"|?*')
"""Characters replaced in a name taken from a notebook: the path separators (so
the name is one file in a folder, never a path) and what Windows refuses in a
file name."""


@dataclass(frozen=True)
class NotebookImage:
    """One image of a notebook's outputs, ready to be an attachment."""

    name: str
    """e.g. 03-regression-cell12-1.png: the notebook, the cell, the image's number in that cell."""
    media_type: str
    content: bytes
    cell: int
    """The cell's position in the notebook, counted from 1 (markdown cells count)."""


@dataclass(frozen=True)
class LeftOut:
    """An image that is not attached, and why (said to the user)."""

    name: str
    reason: str


@dataclass(frozen=True)
class NotebookImages:
    notebook: str
    """The notebook's name, as given."""
    images: tuple[NotebookImage, ...]
    """In cell order, then in output order within a cell; each content once."""
    left_out: tuple[LeftOut, ...]
    """Images over the attachment limit, with broken data, or repeating an
    earlier image of the same notebook, in the same order."""


def is_notebook(name: str) -> bool:
    """Whether a file is taken for a Jupyter notebook: by its name, as Jupyter does."""
    return name.lower().endswith(".ipynb")


def image_stem(notebook_name: str) -> str:
    """The part of an image's name that comes from its notebook's name: the
    notebook's file name without `.ipynb` (the last part of a path, so a notebook
    read from `notebooks/03-regression.ipynb` gives `03-regression`), with path
    separators, control and format characters (bidi overrides among them) and
    what Windows refuses replaced by `_`, leading dots and spaces and trailing
    ones taken off (no hidden file, no `..`), at most MAX_STEM_BYTES bytes;
    `notebook` when nothing is left."""
    name = notebook_name.replace("\\", "/").rstrip("/").rpartition("/")[2]
    if is_notebook(name):
        name = name[: -len(".ipynb")]
    cleaned = "".join(
        "_" if char in _UNSAFE or unicodedata.category(char).startswith("C") else char for char in name
    )
    cleaned = cleaned.strip(" .")
    encoded = cleaned.encode("utf-8")
    if len(encoded) > MAX_STEM_BYTES:
        cleaned = encoded[:MAX_STEM_BYTES].decode("utf-8", errors="ignore").rstrip(" .")
    return cleaned or "notebook"


def image_name(notebook_name: str, cell: int, number: int, media_type: str) -> str:
    """`03-regression-cell12-1.png`: the `number`th image of cell `cell` (both from 1)."""
    return f"{image_stem(notebook_name)}-cell{cell}-{number}.{IMAGE_TYPES[media_type]}"


class NotebookError(InputError):
    """A notebook that cannot be read: `reason` says why, without the notebook's
    name, for a caller that names it its own way."""

    def __init__(self, notebook: str, reason: str) -> None:
        super().__init__(f"{notebook}: {reason}")
        self.notebook = notebook
        self.reason = reason


def _read_notebook(content: bytes, notebook_name: str):
    """The notebook in `content`, read as nbformat version 4 and validated, or
    NotebookError saying what is wrong with it."""
    if len(content) > MAX_NOTEBOOK_BYTES:
        raise NotebookError(notebook_name, notebook_too_large(len(content)))
    import warnings

    import nbformat

    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise NotebookError(notebook_name, "not a Jupyter notebook (it is not UTF-8 text)") from None
    # nbformat warns (on stderr) about what it repairs, such as cells without ids.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            notebook = nbformat.reads(text, as_version=4)
        except nbformat.reader.NotJSONError:
            raise NotebookError(notebook_name, "not a Jupyter notebook (it is not JSON)") from None
        # JSON too far from a notebook for nbformat to convert breaks it with
        # errors of many kinds ('cells' a number: TypeError).
        except (nbformat.ValidationError, ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
            raise NotebookError(notebook_name, _why_unreadable(text, error)) from None
        try:
            nbformat.validate(notebook)
        except nbformat.ValidationError as error:
            raise NotebookError(notebook_name, f"not a valid Jupyter notebook ({_first_line(error.message)})") from None
    return notebook


def _why_unreadable(text: str, error: Exception) -> str:
    """Why nbformat could not read `text` (JSON): in the words of the schema of the
    version it says it is, rather than of the conversion that broke on it."""
    import json

    import nbformat

    data = json.loads(text)
    if not isinstance(data, dict):
        return "not a Jupyter notebook (its JSON is not an object)"
    if "nbformat" not in data:
        return "not a Jupyter notebook (it has no 'nbformat' version)"
    if isinstance(error, nbformat.NBFormatError):
        return f"not a Jupyter notebook nbformat can read ({_first_line(str(error))})"
    try:
        nbformat.validate(data)
    except nbformat.ValidationError as invalid:
        return f"not a valid Jupyter notebook ({_first_line(invalid.message)})"
    except Exception:  # noqa: BLE001 - the schema's own trouble with it: nbformat's words will do
        pass
    return f"not a valid Jupyter notebook ({_first_line(str(error))})"


def notebook_too_large(size: int) -> str:
    """Why a notebook of `size` bytes is refused."""
    return f"{content_megabytes(size)} MB is over the {MAX_NOTEBOOK_BYTES // 1024 // 1024} MB limit for a notebook"


def check_notebook(content: bytes, notebook_name: str) -> None:
    """NotebookError unless `content` is a valid Jupyter notebook (as notebook_images reads it)."""
    _read_notebook(content, notebook_name)


def notebook_images(content: bytes, notebook_name: str) -> NotebookImages:
    """The images in the outputs (display_data and execute_result) of the notebook
    `content`, whose file is named `notebook_name` (a file name or a path in a
    repository; at most 255 characters).

    Images come in cell order, named by image_name; an output holding several
    image types gives the one Jupyter prefers (IMAGE_TYPES). An image over the
    10 MB attachment limit, one whose base64 data is broken, and one with the
    same bytes as an earlier image of the notebook are left out, named, with the
    reason. NotebookError (an InputError, its message "NAME: why") when `content`
    is not a valid Jupyter notebook or is over MAX_NOTEBOOK_BYTES; InputError when
    `notebook_name` cannot name an attachment's notebook (empty, over 255
    characters, a NUL)."""
    check_attachment_name(notebook_name, "a notebook's name")
    notebook = _read_notebook(content, notebook_name)
    images: list[NotebookImage] = []
    left_out: list[LeftOut] = []
    seen: dict[str, str] = {}
    for cell_number, cell in enumerate(notebook.cells, start=1):
        number = 0
        for output in cell.get("outputs", ()) if cell.get("cell_type") == "code" else ():
            if output.get("output_type") not in IMAGE_OUTPUTS:
                continue
            bundle = output.get("data", {})
            media_type = next((kind for kind in IMAGE_TYPES if kind in bundle), None)
            if media_type is None:
                continue
            number += 1
            name = image_name(notebook_name, cell_number, number, media_type)
            picture = _image_bytes(bundle[media_type], media_type)
            if picture is None:
                left_out.append(LeftOut(name, "its image data is broken"))
            elif len(picture) > MAX_ATTACHMENT_BYTES:
                left_out.append(
                    LeftOut(name, f"{content_megabytes(len(picture))} MB is over the"
                                  f" {MAX_ATTACHMENT_BYTES // 1024 // 1024} MB limit")
                )
            elif (digest := hashlib.sha256(picture).hexdigest()) in seen:
                left_out.append(LeftOut(name, f"the same image as {seen[digest]}"))
            else:
                seen[digest] = name
                images.append(NotebookImage(name, media_type, picture, cell_number))
    return NotebookImages(notebook_name, tuple(images), tuple(left_out))


def _image_bytes(data: object, media_type: str) -> bytes | None:
    """An output's image: SVG is text, the others base64 (either may come as a
    list of lines); None when the data is broken (base64 that is not, text with a
    lone surrogate)."""
    text = "".join(data) if isinstance(data, list) else str(data)
    try:
        if media_type == "image/svg+xml":
            return text.encode("utf-8")
        return base64.b64decode("".join(text.split()), validate=True)
    except (binascii.Error, ValueError):  # UnicodeEncodeError is a ValueError
        return None


def content_megabytes(size: int) -> str:
    """'12.3': a size over a limit, as the complaints about it say it."""
    return f"{size / 1024 / 1024:.1f}"


def _first_line(text: str) -> str:
    line = text.strip().splitlines()[0] if text.strip() else "it cannot be read"
    return line if len(line) <= 160 else line[:159] + "…"
