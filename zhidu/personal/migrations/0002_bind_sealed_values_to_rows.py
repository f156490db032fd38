# Issue 17: every sealed value written before it was bound to its row (format s1: table and column
# only) is sealed again with the row's primary key in its associated data, so a value moved to
# another row in SQL no longer opens there. Idempotent; an empty table needs no key.
from django.db import migrations

from zhidu.trust.sealing import bind_legacy_tokens


class Migration(migrations.Migration):
    dependencies = [("personal", "0001_initial")]

    operations = [migrations.RunPython(bind_legacy_tokens("personal"), migrations.RunPython.noop, elidable=True)]
