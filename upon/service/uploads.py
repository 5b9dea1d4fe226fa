"""Checking an uploaded file: by its name and its first bytes, never the browser's word for it,
and by its size. One place, so every upload in the service is refused in the same words."""

import zipfile

MAX_BYTES = 20 * 1024 * 1024
# Extension -> (what the file starts with, the folder an Office file of that kind holds).
SIGNATURES = {
    "pdf": (b"%PDF-", None),
    "docx": (b"PK\x03\x04", "word/"),
    "pptx": (b"PK\x03\x04", "ppt/"),
    "xlsx": (b"PK\x03\x04", "xl/"),
    "png": (b"\x89PNG\r\n\x1a\n", None),
    "jpg": (b"\xff\xd8\xff", None),
    "jpeg": (b"\xff\xd8\xff", None),
    "gif": (b"GIF8", None),
}
DOCUMENTS = ("pdf", "docx", "pptx", "xlsx")
DOCUMENTS_AND_IMAGES = (*DOCUMENTS, "png", "jpg", "jpeg", "gif")


def kinds_text(allowed) -> str:
    """'PDF, DOCX, PPTX or XLSX': the allowed kinds as people know them (JPEG counted as JPG)."""
    names = [kind.upper() for kind in allowed if kind != "jpeg"]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def _looks_like(upload, kind: str) -> bool:
    signature, folder = SIGNATURES[kind]
    upload.seek(0)
    head = upload.read(len(signature))
    upload.seek(0)
    if head != signature:
        return False
    if folder is None:
        return True
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError):
        return False
    finally:
        upload.seek(0)
    return "[Content_Types].xml" in names and any(n.startswith(folder) for n in names)


def upload_problem(upload, *, allowed=DOCUMENTS, max_bytes: int = MAX_BYTES) -> str | None:
    """Why this upload is refused, in GOV.UK words, or None when it is fine."""
    if upload.size == 0:
        return "The selected file is empty"
    if upload.size > max_bytes:
        return f"The selected file must be smaller than {max_bytes // (1024 * 1024)}MB"
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    if extension not in allowed or not _looks_like(upload, extension):
        return f"The selected file must be a {kinds_text(allowed)}"
    return None
