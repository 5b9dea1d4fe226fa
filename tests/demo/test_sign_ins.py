"""The demo sign-ins live in SIGN_INS; the README's table and docs/demo-sign-ins.txt match it."""

import re
from pathlib import Path

from demo.common import DEMO_PASSWORD
from demo.people import SIGN_INS, SIGN_INS_FILE, sign_ins_markdown, sign_ins_table

README = Path(__file__).resolve().parents[2] / "README.md"


def readme_section(heading: str) -> str:
    text = README.read_text(encoding="utf-8")
    match = re.search(rf"^## {re.escape(heading)}\n(.*?)(?=^## |\Z)", text, re.M | re.S)
    assert match, f"README.md has no '## {heading}' section"
    return match.group(1)


def test_the_readme_table_is_the_one_sign_ins_markdown_makes():
    section = readme_section("Demo sign-ins")
    table = "".join(line + "\n" for line in section.splitlines() if line.startswith("|"))

    assert table == sign_ins_markdown(), (
        "README.md's demo sign-ins differ from SIGN_INS in demo/people.py; "
        f"the table should read:\n\n{sign_ins_markdown()}"
    )
    assert f"`{DEMO_PASSWORD}`" in section


def test_docs_demo_sign_ins_is_the_table_seed_demo_writes():
    # `make run` prints this file; seed_demo rewrites it from SIGN_INS when they differ.
    assert SIGN_INS_FILE.read_text(encoding="utf-8") == sign_ins_table(), (
        f"{SIGN_INS_FILE.name} differs from SIGN_INS: run `manage.py seed_demo` on an empty "
        "database, or write sign_ins_table() into it"
    )


def test_both_tables_name_every_sign_in_once():
    for email, label, _role in SIGN_INS:
        assert sign_ins_markdown().count(f"| {label} | {email} |") == 1
        assert sign_ins_table().count(email) == 1
    assert len({email for email, _label, _role in SIGN_INS}) == len(SIGN_INS)
