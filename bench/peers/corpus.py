"""The benchmark corpora as (id, date, text) documents for the peer engines:
whole files (or JSON Lines records) as documents, as the peers are used."""
import json
import os


def documents(source):
    """Yields (id, date 'YYYY-MM-DD' or '', text) for a folder with a
    manifest.jsonl (or none), or a .jsonl file of records with id, date, text."""
    if source.endswith(".jsonl"):
        with open(source, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    r = json.loads(line)
                    yield str(r["id"]), r.get("date") or "", r.get("text") or ""
        return
    dates = {}
    for root, _, files in os.walk(source):
        if "manifest.jsonl" in files:
            with open(os.path.join(root, "manifest.jsonl"), encoding="utf-8") as f:
                for line in f:
                    try:
                        r = json.loads(line)
                    except ValueError:
                        continue
                    dates[os.path.normpath(os.path.join(root, r["path"]))] = r.get("date") or ""
    for root, _, files in os.walk(source):
        for name in sorted(files):
            if not name.endswith((".txt", ".md", ".html", ".htm")):
                continue
            path = os.path.normpath(os.path.join(root, name))
            with open(path, encoding="utf-8", errors="replace") as f:
                yield os.path.relpath(path, source), dates.get(path, ""), f.read()


def queries(path):
    """The benchmark queries (comments and blank lines left out)."""
    with open(path, encoding="utf-8") as f:
        return [line.strip() for line in f if line.strip() and not line.lstrip().startswith("#")]


def percentile(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def write_stream(source, path):
    """The documents as a stream the Java runner reads without a JSON library:
    per document a line "id<TAB>date<TAB>byte length" then the UTF-8 text."""
    n = 0
    with open(path, "wb") as out:
        for doc_id, date, text in documents(source):
            data = text.encode("utf-8")
            out.write(f"{doc_id.replace(chr(9), ' ')}\t{date}\t{len(data)}\n".encode("utf-8"))
            out.write(data)
            n += 1
    return n


if __name__ == "__main__":
    import sys
    print(write_stream(sys.argv[1], sys.argv[2]))
