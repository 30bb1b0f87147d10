"""Benchmark the vendor pool at scale on generated data.

    python bench/bench_vendors.py                       # SQLite in a temporary directory
    DATABASE_URL=postgres://… SECRET_KEY=… python bench/bench_vendors.py

Generates 5,000 vendors with 3 service categories' worth of licences each (20,000 documents, some
lapsed, some expiring), then times what people open: HR's vendor list (page of 30, with each row's
eligibility), the list filtered to documents needing attention, the API list (page of 100), the Excel
export of the whole pool, HR's home page counts and the daily expiry check. Prints one line per
measurement with the query count, and the time of a 1,000-row Excel import.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import time
from io import BytesIO

import benchkit  # sets up Django: import it before models
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client
from openpyxl import Workbook

from outsourcing.core.timeutil import today
from outsourcing.org.models import User
from outsourcing.vendors import reminders, selectors, spreadsheets
from outsourcing.vendors.creditcode import with_check_character
from outsourcing.vendors.models import LicenceType, QualificationDocument, ServiceCategory, Vendor

timed = functools.partial(benchkit.timed, repeat=3)

VENDORS = 5_000
IMPORT_ROWS = 1_000


def generate() -> None:
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    categories = list(ServiceCategory.objects.all())
    licences = {lt.code: lt for lt in LicenceType.objects.all()}
    day = today()
    statuses = ["qualified"] * 6 + ["strategic", "prospect", "suspended", "removed"]
    with transaction.atomic():
        vendors = Vendor.objects.bulk_create(
            [
                Vendor(
                    number=f"VEN-2025-{n:05d}",
                    name=f"基准测试外包服务有限公司{n}",
                    entity_type="company",
                    credit_code=with_check_character(f"91310000MB{n:07d}"),
                    legal_representative="张三",
                    business_scope="客户服务；仓储；保洁；信息技术服务",
                    address="上海市",
                    contact_name="李四",
                    contact_phone="021-00000000",
                    status=statuses[n % len(statuses)],
                    next_review_due=day + dt.timedelta(days=n % 400),
                )
                for n in range(VENDORS)
            ],
            batch_size=1000,
        )
        through = Vendor.categories.through
        through.objects.bulk_create(
            [
                through(vendor_id=v.pk, servicecategory_id=categories[(i + k) % len(categories)].pk)
                for i, v in enumerate(vendors)
                for k in range(3)
            ],
            batch_size=5000,
        )
        documents = []
        for i, vendor in enumerate(vendors):
            for k, code in enumerate(("business_licence", "safety_production", "security_service", "iso9001")):
                until = None if k == 0 else day + dt.timedelta(days=(i * 7 + k * 13) % 800 - 100)
                documents.append(
                    QualificationDocument(
                        vendor_id=vendor.pk,
                        licence_type=licences[code],
                        number=f"{code}-{i}",
                        issuer="发证机关",
                        valid_from=day - dt.timedelta(days=900),
                        valid_until=until,
                    )
                )
        QualificationDocument.objects.bulk_create(documents, batch_size=5000)


def import_file(rows: int) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append([str(c.title) for c in spreadsheets.IMPORT_COLUMNS])
    for n in range(rows):
        values = {
            "name": f"导入基准公司{n}",
            "entity_type": "company",
            "credit_code": with_check_character(f"91310000MC{n:07d}"),
            "legal_representative": "王五",
            "business_scope": "客户服务",
            "address": "上海市",
            "contact_name": "赵六",
            "contact_phone": "021-11111111",
            "categories": "客户服务",
        }
        sheet.append([values.get(c.key, "") for c in spreadsheets.IMPORT_COLUMNS])
    buffer = BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("import.xlsx", buffer.getvalue())


def main() -> None:
    started = time.perf_counter()
    generate()
    print(f"generated {Vendor.objects.count()} vendors, {QualificationDocument.objects.count()} documents "
          f"in {time.perf_counter() - started:.1f} s on {connection.vendor}")  # fmt: skip
    hr = User.objects.get(username="hr")
    settings.ALLOWED_HOSTS = ["testserver"]
    client = Client()
    client.force_login(hr)
    timed("vendor list page (HR, page 1 of 30, eligibility per row)", lambda: client.get("/vendors/"))
    timed("vendor list page filtered: documents need attention", lambda: client.get("/vendors/?attention=expiring"))
    timed("vendor list page, last page", lambda: client.get("/vendors/?page=167"))
    timed("GET /api/vendors/?page_size=100", lambda: client.get("/api/vendors/?page_size=100"))
    timed("Excel export of the whole pool", lambda: client.get("/vendors/?export=xlsx"), repeat=1)
    timed("HR home page (re-reviews due, changes, expiring counts)", lambda: client.get("/"))
    timed("daily check: document expiry notices", lambda: reminders.document_expiry(today()), repeat=1)
    timed("daily check: annual re-reviews due", lambda: reminders.annual_review_due(today()), repeat=1)
    print(f"documents needing renewal: {selectors.expiring_documents().count()}")
    upload = import_file(IMPORT_ROWS)
    start = time.perf_counter()
    created, errors = spreadsheets.import_vendors(actor=hr, upload=upload)
    print(f"Excel import of {IMPORT_ROWS} rows: {len(created)} created, {len(errors)} errors, "
          f"{time.perf_counter() - start:.1f} s")  # fmt: skip


if __name__ == "__main__":
    main()
