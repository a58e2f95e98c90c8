"""A `linkedin:` that is no person's profile, or not LinkedIn's at all, is told with its fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write

from generator.build import check

EXPECTED = "linkedin: expected a LinkedIn profile address like https://www.linkedin.com/in/jane-doe"


def told(root: Path, linkedin: str, rel: str = "content/contacts/ada-byrne.md") -> list[str]:
    """What `playbook check` says of the file `rel` with `linkedin:` written as given."""
    write(root, "content/profile.md", "---\nname: Maya Okafor\n---\nPitch.\n")
    write(root, rel, f"---\nname: Ada Byrne\nlinkedin: {linkedin}\n---\n")
    return [str(p) for p in check(root).all if p.path == rel]


@pytest.mark.parametrize(
    ("linkedin", "said"),
    [
        (
            "https://www.linkedin.com/company/acme",
            "got 'https://www.linkedin.com/company/acme', a company's page, not a person's "
            "profile: open their profile on LinkedIn and copy its address, with /in/ after "
            "linkedin.com",
        ),
        (
            "https://linkedln.com/in/maya",
            "got 'https://linkedln.com/in/maya', whose host linkedln.com is not LinkedIn's, "
            "though it looks like it; did you mean https://www.linkedin.com/in/maya?",
        ),
        (
            "https://uk.linkedln.com/in/maya/",
            "got 'https://uk.linkedln.com/in/maya/', whose host uk.linkedln.com is not "
            "LinkedIn's, though it looks like it; did you mean https://uk.linkedin.com/in/maya/?",
        ),
    ],
)
def test_a_linkedin_address_that_is_no_profile_is_an_error(
    tmp_path: Path, linkedin: str, said: str
) -> None:
    """Both passed `check`: the company's page, shared by everyone who works there, made
    two contacts at Acme one person written twice; the look-alike host opened another
    site from the contact's page."""
    assert told(tmp_path, linkedin) == [f"content/contacts/ada-byrne.md:3: {EXPECTED}, {said}"]


def test_your_own_linkedin_is_a_profile_too(tmp_path: Path) -> None:
    assert told(tmp_path, "https://www.linkedin.com/school/uiuc/", "content/profile.md") == [
        f"content/profile.md:3: {EXPECTED}, got 'https://www.linkedin.com/school/uiuc/', a "
        "school's page, not a person's profile: open their profile on LinkedIn and copy its "
        "address, with /in/ after linkedin.com"
    ]


def test_an_address_elsewhere_is_kept_with_a_warning(tmp_path: Path) -> None:
    assert told(tmp_path, "https://ada.example.com/") == [
        "warning: content/contacts/ada-byrne.md:3: linkedin: 'https://ada.example.com/' is not "
        "on LinkedIn (ada.example.com), though it is kept and linked as the LinkedIn profile: "
        "if it is another site, write it as website: instead"
    ]


@pytest.mark.parametrize(
    "linkedin",
    [
        "https://www.linkedin.com/in/ada-byrne",
        "https://uk.linkedin.com/in/ada-byrne/?originalSubdomain=uk",
        "https://www.linkedin.com/pub/ada-byrne/1/2/3",
    ],
)
def test_a_profile_address_is_kept(tmp_path: Path, linkedin: str) -> None:
    assert told(tmp_path, linkedin) == []
