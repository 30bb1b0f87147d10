"""The policy library (制度与检查清单, P1§5(一)1, AUD-3): the rules of the company's outsourcing policy (the seed's
四篇《劳务外包管理制度》) as rows, each with its article, from which the annual audit's checklist is drawn. Rules are
data: a later migration (or the administrator) adds, rewords or retires them (`active`)."""

from django.db import migrations

from outsourcing.compliance.policy_rules import RULES, ensure_policy_library


def add_rules(apps, schema_editor):
    ensure_policy_library(apps.get_model("compliance", "PolicyRule"))


def remove_rules(apps, schema_editor):
    apps.get_model("compliance", "PolicyRule").objects.filter(code__in=[r[0] for r in RULES]).delete()


class Migration(migrations.Migration):
    dependencies = [("compliance", "0004_audits")]
    operations = [migrations.RunPython(add_rules, remove_rules)]
