"""The pages, through the test client: uploads with every kind of bad file, the children
table's filters, sorting and flat query counts, forms sent twice, and what each role
sees, including nothing before notification and nothing of another area."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jtai.accounts.models import User
from jtai.cases import services
from jtai.cases.models import Audit, AuditRequest, AuditSection, CaseList, ListedChild, Purpose
from jtai.inspections.models import Inspection, Status

from .factories import HEADINGS, child_rows, csv_bytes, leeds, upload

ClientFor = Callable[[str | None], Client]


def url(name: str, inspection: Inspection, *args: int) -> str:
    return reverse(f"cases:{name}", args=[inspection.reference, *args])


def post_file(
    client: Client, inspection: Inspection, data: bytes, name: str = "list.csv"
) -> object:
    return client.post(
        url("upload", inspection),
        {"kind": "theme", "file": SimpleUploadedFile(name, data, content_type="text/csv")},
    )


def test_an_upload_page_imports_a_good_list(client_for: ClientFor, kent: Inspection) -> None:
    client = client_for("kent_coordinator")
    response = client.post(
        url("upload", kent),
        {
            "kind": "theme",
            "file": SimpleUploadedFile(
                "children.csv",
                csv_bytes([*HEADINGS, "Allocated worker"], [[*r, "Sam"] for r in child_rows(12)]),
            ),
        },
        follow=True,
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert (
        "12 children imported from children.csv. Columns not needed were ignored: Allocated worker"
        in text
    )
    assert CaseList.objects.filter(inspection=kent).count() == 1


def test_a_list_with_many_problems_shows_the_first_hundred_and_offers_them_all(
    client_for: ClientFor, kent: Inspection
) -> None:
    client = client_for("kent_coordinator")
    rows = child_rows(3_000)
    for row in rows:
        row[1] = "?"
    response = post_file(client, kent, csv_bytes(HEADINGS, rows))
    assert response.status_code == 400  # type: ignore[attr-defined]
    text = response.content.decode()  # type: ignore[attr-defined]
    assert (
        "The list was not imported: 3,000 problems found. Fix them and upload the file again"
        in text
    )
    assert "3,000 problems found" in text
    assert text.count("is not recognised: write female, male, other or not known") == 100
    assert not ListedChild.objects.filter(inspection=kent).exists()
    download = client.get(
        response.context["result"].rejection
        and url(  # type: ignore[attr-defined]
            "problems",
            kent,
            response.context["result"].rejection.pk,  # type: ignore[attr-defined]
        )
    )
    assert download.status_code == 200
    assert download["Content-Type"] == "text/csv; charset=utf-8"
    assert download["Content-Disposition"] == 'attachment; filename="problems-list.csv"'
    assert download.content.decode("utf-8-sig").count("\n") == 3_001


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "list.csv", "The selected file is empty"),
        (b"x", "list.pdf", "The selected file must be a CSV or XLSX file"),
        (b"PK\x03\x04rubbish", "list.xlsx", "could not be read as an Excel workbook"),
        (
            csv_bytes(
                ["Child ID", "Child name", "Gender", "Ethnicity", "Age"],
                [["A1", "Jo", "F", "Indian", "3"]],
            ),
            "list.csv",
            "Column B, &#x27;Child name&#x27;, looks like it holds names",
        ),
    ],
)
def test_bad_files_are_refused_with_a_clear_message(
    client_for: ClientFor, kent: Inspection, data: bytes, name: str, message: str
) -> None:
    response = post_file(client_for("kent_coordinator"), kent, data, name)
    assert response.status_code == 400  # type: ignore[attr-defined]
    assert message in response.content.decode()  # type: ignore[attr-defined]
    assert not CaseList.objects.filter(inspection=kent).exists()


def test_a_file_sent_twice_says_it_is_already_there(
    client_for: ClientFor, kent: Inspection
) -> None:
    client = client_for("kent_coordinator")
    data = csv_bytes(HEADINGS, child_rows(5))
    assert post_file(client, kent, data).status_code == 302  # type: ignore[attr-defined]
    again = post_file(client, kent, data)
    assert again.status_code == 400  # type: ignore[attr-defined]
    assert "This file was already uploaded on" in again.content.decode()  # type: ignore[attr-defined]
    assert CaseList.objects.filter(inspection=kent).count() == 1


def test_the_children_table_filters_and_sorts(
    users: dict[str, User], client_for: ClientFor, kent: Inspection
) -> None:
    upload(users["kent_coordinator"], kent, csv_bytes(HEADINGS, child_rows(30)))
    client = client_for("inspector")
    page = client.get(
        url("children", kent), {"status": "child_protection", "sort": "reference", "order": "desc"}
    )
    rows = [child.case_reference for child, _ in page.context["rows"]]
    assert rows == sorted((f"T{n:05d}" for n in range(30) if n % 3 == 1), reverse=True)
    assert 'aria-sort="descending"' in page.content.decode()
    page = client.get(url("children", kent), {"agency": "probation", "gender": "female"})
    assert {c.case_reference for c, _ in page.context["rows"]} == {
        f"T{n:05d}" for n in range(30) if n % 4 == 2
    }
    assert all("probation" in c.agencies for c, _ in page.context["rows"])
    page = client.get(url("children", kent), {"case_list": "nonsense"})
    assert page.status_code == 200


def queries(client: Client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("who", ["inspector", "kent_coordinator"])
def test_query_counts_stay_flat_as_the_rows_double(
    users: dict[str, User], client_for: ClientFor, kent: Inspection, who: str
) -> None:
    inspector = users["inspector"]

    def choose(prefix: str, count: int) -> None:
        for child in ListedChild.objects.filter(inspection=kent, case_reference__startswith=prefix)[
            :count
        ]:
            chosen = services.long_list_add(
                actor=inspector, inspection=kent, child=child, reason="x"
            )
            services.short_list_set(
                actor=inspector, selection=chosen, purpose=Purpose.LOCAL_AUDIT, reason="y"
            )

    upload(users["kent_coordinator"], kent, csv_bytes(HEADINGS, child_rows(60, prefix="A")))
    choose("A", 3)
    services.audits_request(actor=inspector, inspection=kent, accept_warnings=True)
    client = client_for(who)
    paths = [url("children", kent), url("index", kent), url("audits", kent)]
    if who == "inspector":
        paths.append(url("selection", kent))
    before = [queries(client, p) for p in paths]
    upload(users["kent_coordinator"], kent, csv_bytes(HEADINGS, child_rows(60, prefix="B")))
    choose("B", 3)  # and their audits, requested at once
    assert Audit.objects.filter(inspection=kent).count() == 6
    assert [queries(client, p) for p in paths] == before


def test_nothing_is_shown_to_the_area_before_notification(
    client_for: ClientFor,
) -> None:
    planned = Inspection.objects.get(area__name="Kent", status=Status.PLANNED)
    for who in ("kent_coordinator", "kent_health"):
        client = client_for(who)
        for name in ("index", "children", "audits", "upload"):
            assert client.get(url(name, planned)).status_code == 404, (who, name)
    assert client_for("lead_inspector").get(url("index", planned)).status_code == 200


def test_another_area_s_people_see_nothing_of_leeds(client_for: ClientFor) -> None:
    inspection = leeds()
    audit = Audit.objects.filter(inspection=inspection).first()
    assert audit is not None
    for who in ("kent_coordinator", "kent_health"):
        client = client_for(who)
        for path in (
            url("index", inspection),
            url("children", inspection),
            url("audit", inspection, audit.pk),
        ):
            assert client.get(path).status_code == 404


def test_an_agency_contact_sees_only_their_own_sections(client_for: ClientFor) -> None:
    inspection = leeds()
    section = (
        AuditSection.objects.filter(audit__inspection=inspection, agency__kind="police")
        .select_related("audit")
        .first()
    )
    assert section is not None
    others = (
        AuditSection.objects.filter(audit=section.audit)
        .exclude(pk=section.pk)
        .select_related("agency")
    )
    page = (
        client_for("leeds_police").get(url("audit", inspection, section.audit_id)).content.decode()
    )
    assert "West Yorkshire Police" in page
    for other in others:
        assert other.agency.name not in page
    page = (
        client_for("leeds_coordinator")
        .get(url("audit", inspection, section.audit_id))
        .content.decode()
    )
    for other in others:
        assert other.agency.name in page


def test_inspectors_read_the_answers_once_the_audit_is_submitted(client_for: ClientFor) -> None:
    inspection = leeds()
    submitted = Audit.objects.get(inspection=inspection, status="submitted")
    pending = Audit.objects.filter(inspection=inspection, status="requested").first()
    assert pending is not None
    client = client_for("inspector")
    assert "overall findings" in client.get(url("audit", inspection, submitted.pk)).content.decode()
    page = client.get(url("audit", inspection, pending.pk)).content.decode()
    assert "You will see the agencies' answers when the partnership coordinator submits" in page
    assert "Not answered yet" not in page


def test_a_section_saved_by_someone_else_meanwhile_keeps_what_was_typed(
    client_for: ClientFor,
) -> None:
    inspection = leeds()
    section = AuditSection.objects.filter(
        audit__inspection=inspection, agency__kind="police", audit__status="requested"
    ).first()
    assert section is not None
    path = url("section", inspection, section.audit_id, section.pk)
    answers = {f"answer_{q['key']}": "Typed by the police contact" for q in section.questions}
    coordinator = client_for("leeds_coordinator")
    first = coordinator.post(path, {**answers, "version": section.version, "action": "draft"})
    assert first.status_code == 302
    stale = client_for("leeds_police").post(
        path, {**answers, "version": section.version, "action": "draft"}
    )
    assert stale.status_code == 400
    text = stale.content.decode()
    assert "Someone else saved this section since you opened it" in text
    assert "Saved by Sarah Whitaker" in text
    assert "Typed by the police contact" in text
    assert stale.context["form"]["version"].value() == str(section.version + 1)


def test_forms_sent_twice_change_things_once(
    users: dict[str, User], client_for: ClientFor, kent: Inspection
) -> None:
    upload(users["kent_coordinator"], kent, csv_bytes(HEADINGS, child_rows(10)))
    child = ListedChild.objects.filter(inspection=kent).first()
    assert child is not None
    client = client_for("inspector")
    add = url("long-list-add", kent, child.pk)
    assert client.post(add, {"reason": "Police involvement"}).status_code == 302
    twice = client.post(add, {"reason": "Police involvement"})
    assert twice.status_code == 400
    assert "is already on the long list" in twice.content.decode()
    suggest = client.get(url("suggest", kent), {"size": 5})
    ids = [c.pk for c, _ in suggest.context["suggestion"].picks]
    assert client.post(url("suggest", kent), {"children": ids, "size": 5}).status_code == 302
    assert client.post(url("request-audits", kent), {"accept_warnings": "on"}).status_code == 302
    again = client.post(url("request-audits", kent), {"accept_warnings": "on"})
    assert again.status_code == 400
    assert "The audits were already requested on" in again.content.decode()
    assert AuditRequest.objects.filter(inspection=kent).count() == 1
    audit = Audit.objects.filter(inspection=kent).first()
    assert audit is not None
    for section in audit.sections.all():
        services.section_save(
            actor=users["kent_coordinator"],
            section=section,
            answers={q["key"]: "Done" for q in section.questions},
            version=section.version,
            complete=True,
        )
    coordinator = client_for("kent_coordinator")
    submit = url("submit", kent, audit.pk)
    assert coordinator.post(submit, {"summary": "Good joint work"}).status_code == 302
    second = coordinator.post(submit, {"summary": "Good joint work"})
    assert second.status_code == 400
    assert "This audit was already submitted to the inspectors on" in second.content.decode()


def test_submitting_an_incomplete_audit_says_which_sections(
    client_for: ClientFor,
) -> None:
    inspection = leeds()
    audit = Audit.objects.filter(inspection=inspection, status="requested").first()
    assert audit is not None
    response = client_for("leeds_coordinator").post(
        url("submit", inspection, audit.pk), {"summary": "x"}
    )
    assert response.status_code == 400
    assert "These sections are not complete yet:" in response.content.decode()


def test_an_empty_submission_is_explained_not_ignored(client_for: Callable[[str], Client]) -> None:
    from jtai.cases.models import ListedChild
    from jtai.inspections.models import Inspection, Status

    leeds = Inspection.objects.get(area__name="Leeds", status=Status.INFORMATION_GATHERING)
    child = ListedChild.objects.filter(inspection=leeds).first()
    assert child is not None
    url = reverse("cases:long-list-add", args=[leeds.reference, child.pk])
    response = client_for("lead_inspector").post(url, {})
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
