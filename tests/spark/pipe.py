"""folio's record stages under Spark's RDD.pipe give what one process gives.

Run by `make test-spark` (scripts/test-spark.sh), with the release binaries on PATH. It parses
the bundled examples, the page fixtures and the shared corpus when it is there, then:

1. cleans and filters the records with RDD.pipe over several partitions, in a local Spark
   cluster of two worker processes, and checks the lines equal those of `folio-clean |
   folio-filter` in one process, byte for byte, once both are sorted by id;
2. removes near duplicates across the partitions in two passes (`--emit-signatures`, then
   `--near-duplicates-of`), as docs/cookbook.md shows, and checks the records kept are those
   one process keeps from the records in id order.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from pyspark import SparkConf, SparkContext, SparkFiles

ROOT = Path(__file__).resolve().parents[2]
# RDD.pipe starts its command with an empty environment, PATH included: full paths.
PARSE, CLEAN, FILTER_BIN = (shutil.which(t) for t in ("folio-parse", "folio-clean", "folio-filter"))
FILTER = [FILTER_BIN, "-j", "1", "-q", "--quality", "--min-chars", "40"]


def run(command, stdin: bytes) -> bytes:
    done = subprocess.run(command, input=stdin, capture_output=True, check=False)
    if done.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)}: exit {done.returncode}: {done.stderr.decode()}")
    return done.stdout


def by_id(lines):
    return sorted(lines, key=lambda line: json.loads(line)["id"])


def parsed_records(work: Path) -> bytes:
    inputs = [ROOT / "examples/posts", ROOT / "tests/fixtures/folio-parse/pages"]
    shared = ROOT.parent / "shared/corpus/pages"
    if shared.is_dir():
        inputs.append(shared)
    records = run([PARSE, "-q", "--id-root", "/", *map(str, inputs)], b"")
    # Copies of twelve long records under new ids, at the end, so that each falls into
    # another partition than its original; their ids sort after every hex id, so the
    # copy is the one that goes.
    long = [line for line in records.splitlines() if len(json.loads(line).get("html") or "") > 3000]
    copies = []
    for line in long[:12]:
        record = json.loads(line)
        record["id"] = "zz-copy-" + record["id"]
        copies.append(json.dumps(record, ensure_ascii=False).encode())
    if len(copies) < 12:
        sys.exit(f"only {len(copies)} long records to copy")
    (work / "records.jsonl").write_bytes(records + b"\n".join(copies) + b"\n")
    return (work / "records.jsonl").read_bytes()


def second_pass(lines):
    """`folio-filter --near-duplicates-of` over one partition, signatures from SparkFiles."""
    signatures = SparkFiles.get("signatures.jsonl")
    stdin = "".join(line + "\n" for line in lines).encode()
    out = run([FILTER_BIN, "-j", "1", "-q", "--near-duplicates-of", signatures], stdin)
    return out.decode().splitlines()


def main():
    work = Path(tempfile.mkdtemp(prefix="folio-spark-"))
    records = parsed_records(work)
    count = len(records.splitlines())

    cleaned_here = run([CLEAN, "-j", "1", "-q"], records)
    expected = by_id(run(FILTER, cleaned_here).decode().splitlines())

    conf = (
        SparkConf()
        .setMaster(os.environ.get("FOLIO_SPARK_MASTER", "local-cluster[2,1,1024]"))
        .setAppName("folio-pipe")
        .set("spark.ui.enabled", "false")
        .set("spark.ui.showConsoleProgress", "false")
        .setExecutorEnv("PATH", os.environ["PATH"])
    )
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    try:
        lines = sc.textFile(str(work / "records.jsonl"), minPartitions=6)
        partitions = lines.getNumPartitions()
        cleaned = lines.pipe(f"{CLEAN} -j 1 -q")
        got = by_id(cleaned.pipe(" ".join(FILTER)).collect())
        if got != expected:
            diff = next(i for i, (a, b) in enumerate(zip(got + [""], expected + [""])) if a != b)
            sys.exit(
                f"RDD.pipe gave {len(got)} records, one process {len(expected)}; "
                f"first difference at record {diff} (sorted by id)"
            )
        print(f"test-spark: {count} records in {partitions} partitions: clean | filter "
              f"under RDD.pipe = one process ({len(got)} records, byte for byte)")

        signatures = cleaned.pipe(f"{FILTER_BIN} -j 1 -q --emit-signatures").collect()
        (work / "signatures.jsonl").write_text("".join(s + "\n" for s in signatures))
        sc.addFile(str(work / "signatures.jsonl"))
        kept = sorted(json.loads(l)["id"] for l in cleaned.mapPartitions(second_pass).collect())
        in_id_order = "".join(l + "\n" for l in by_id(cleaned_here.decode().splitlines()))
        one_run = run([FILTER_BIN, "-j", "1", "-q", "--near-duplicates"], in_id_order.encode())
        expected_kept = sorted(json.loads(l)["id"] for l in one_run.decode().splitlines())
        if kept != expected_kept:
            sys.exit(
                f"near duplicates across partitions kept {len(kept)}, one run {len(expected_kept)}: "
                f"{sorted(set(kept) ^ set(expected_kept))[:10]}"
            )
        # Records with no text to compare have no signature line but are kept: count drops
        # against every cleaned record, and check that each copy is among them.
        dropped = len(cleaned_here.splitlines()) - len(kept)
        copies_kept = [id for id in kept if id.startswith("zz-copy-")]
        if copies_kept:
            sys.exit(f"near duplicates across partitions kept copies: {copies_kept}")
        print(f"test-spark: near duplicates across partitions: {dropped} dropped, "
              f"{len(kept)} kept, as one run over the records in id order")
    finally:
        sc.stop()


if __name__ == "__main__":
    main()
