"""Fill translations in a .po file from a JSON {msgid: msgstr} dict.

Developer helper:
`python scripts/fill_po.py wiki/locale/fr/LC_MESSAGES/django.po fr.json`
then `python manage.py compilemessages`. Prints the msgids still untranslated.
"""

import json
import re
import sys

ENTRY = re.compile(r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n?)+)', re.M)
STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


def fill(po_text: str, mapping: dict[str, str]) -> tuple[str, list[str]]:
    missing = []
    blocks = []
    for block in po_text.split("\n\n"):
        match = ENTRY.search(block + "\n")
        if match:
            msgid = "".join(json.loads(s) for s in STRING.findall(match.group(1)))
            if msgid in mapping:
                new = "msgstr " + json.dumps(mapping[msgid], ensure_ascii=False) + "\n"
                block = (block + "\n")[: match.start(2) - 7] + new
                block = block.rstrip("\n").replace("#, fuzzy\n", "")
            elif msgid and not "".join(
                json.loads(x) for x in STRING.findall(match.group(2))
            ):
                missing.append(msgid)
        blocks.append(block)
    return "\n\n".join(blocks).rstrip("\n") + "\n", missing


if __name__ == "__main__":
    path, mapping_path = sys.argv[1], sys.argv[2]
    with open(mapping_path, encoding="utf-8") as handle:
        mapping = json.load(handle)
    with open(path, encoding="utf-8") as handle:
        text, missing = fill(handle.read(), mapping)
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    print("untranslated:", json.dumps(missing, ensure_ascii=False, indent=1))
