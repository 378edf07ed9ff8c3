#!/usr/bin/env bash
# The adsorption table's files read by other programs (src/workflow/table.h, through
# tests/tools/table_example): Python's XML parser takes every SVG (an SVG 1.1 root, every
# adsorbate name as the text of a <text> element, one mark per row), Python's csv module
# reads every CSV back to the fields written (quotes, commas, line breaks inside fields,
# NAN as empty fields, ranking order), and a file that cannot be written is an error
# naming it.
set -u
py=/usr/bin/python3
tool=${PAWSORB_BUILDDIR:-.}/tests/tools/table_example
if [ ! -x "$tool" ]; then
    echo "not ok 1 - $tool not built (make check builds it)"
    exit 1
fi
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
n=0
check() { n=$((n + 1)); if eval "$2"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi; }
relay() {  # renumbers TAP lines of the python checks
    while read -r line; do
        case $line in
            ok*) n=$((n + 1)); echo "ok $n - ${line#ok * - }" ;;
            "not ok"*) n=$((n + 1)); echo "not ok $n - ${line#not ok * - }" ;;
            "#"*) echo "$line" ;;
        esac
    done
}

"$tool" "$t" > "$t/out" 2>&1
check "table_example writes its files: exit 0" '[ $? -eq 0 ] && [ -s "$t/big.svg" ] && [ -s "$t/odd.csv" ]'
check "no temporary files left" '[ -z "$(ls "$t" | grep "\.tmp\.")" ]'
check "log table: 80 rows, then the best of each of the 10 adsorbates" \
    '[ "$(grep -cE "^ +([0-9]+|-)  " "$t/big.txt")" = 80 ] && [ "$(sed -n "/^Best/,\$p" "$t/big.txt" | grep -c " eV (stage ")" = 10 ]'

relay < <($py - "$t" <<'PYEOF' 2>&1
import csv, sys, xml.etree.ElementTree as ET
d = sys.argv[1]
k = 0
def ok(cond, what):
    global k
    k += 1
    print("%sok %d - %s" % ("" if cond else "not ", k, what))
SVG = "{http://www.w3.org/2000/svg}"
def texts(root):
    return ["".join(e.itertext()) for e in root.iter(SVG + "text")]
trees = {}
for name in ("big", "odd", "empty"):
    try:
        trees[name] = ET.parse("%s/%s.svg" % (d, name)).getroot()
        ok(trees[name].tag == SVG + "svg" and trees[name].get("version") == "1.1",
           "%s.svg parses as XML with an SVG 1.1 root" % name)
    except Exception as exc:
        ok(False, "%s.svg parses as XML: %s" % (name, exc))
lib = ["H2O", "SN", "EC", "FEC", "DOL", "DME", "PEO", "LiTFSI", "TFSI-", "Li+"]
if "big" in trees:
    tx = texts(trees["big"])
    ok(all(m in tx for m in lib), "big.svg: every adsorbate name is a <text>")
    marks = [g for g in trees["big"].iter(SVG + "g") if g.find(SVG + "title") is not None]
    ok(len(marks) == 80, "big.svg: 80 marks with a tooltip (%d)" % len(marks))
    ok(any("SCF not converged in 100 iterations" in "".join(g.find(SVG + "title").itertext()) for g in marks),
       "big.svg: a failed row's reason in its tooltip")
    w, h = float(trees["big"].get("width")), float(trees["big"].get("height"))
    ok(trees["big"].get("viewBox") == "0 0 %g %g" % (w, h), "big.svg: viewBox matches width and height")
if "odd" in trees:
    tx = texts(trees["odd"])
    for m in ("A&B<1>", "x,y", "Li\u207a in \u00c5", "ctl?char"):
        ok(m in tx, "odd.svg: adsorbate name %r as text (a control character as '?')" % m)
    ok("a-very-long-adsorbate-name-that-goes-on\u2026" in tx, "odd.svg: a name longer than 40 characters shortened")
    ok("odd <names> & \"quotes\"" in tx and trees["odd"].find(SVG + "title").text == "odd <names> & \"quotes\"",
       "odd.svg: the title, escaped, reads back")
if "empty" in trees:
    ok("No placements." in texts(trees["empty"]), "empty.svg: says there are no placements")

def rows(name):
    with open("%s/%s.csv" % (d, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))
head = ("rank,best,adsorbate,placement,site,orientation,height_A,stage,status,converged,e_bind_eV,e_dft_eV,"
        "e_d2_eV,e_def_mol_eV,e_def_slab_eV,charge_transfer_e,why").split(",")
big = rows("big")
with open("%s/big.csv" % d, newline="") as f:
    ok(next(csv.reader(f)) == head, "big.csv: the header")
ok(len(big) == 80, "big.csv: 80 rows (%d)" % len(big))
ranked = [r for r in big if r["rank"]]
eb = [float(r["e_bind_eV"]) for r in ranked]
ok(len(ranked) == 77 and [int(r["rank"]) for r in ranked] == list(range(1, 78)) and eb == sorted(eb),
   "big.csv: 77 ranked rows first, rank 1..77, E_b ascending")
tail = big[77:]
ok(all(not r["rank"] and r["status"] != "0" for r in tail) and [r["e_bind_eV"] for r in tail[:2]] == ["", ""]
   and tail[2]["e_bind_eV"] != "", "big.csv: the 3 failed rows last, no rank, NAN E_b empty")
ok(sum(r["best"] == "1" for r in big) == 10 and sorted(r["adsorbate"] for r in big if r["best"] == "1") == sorted(lib),
   "big.csv: one best row per adsorbate")
ok(all(abs(float(r["e_dft_eV"]) + float(r["e_d2_eV"]) - float(r["e_bind_eV"])) < 2e-6 for r in ranked),
   "big.csv: E_b = DFT + D2 in every ranked row")
odd = rows("odd")
got = {(r["adsorbate"], r["placement"]) for r in odd}
want = {("A&B<1>", "complex \"cis\", 'relaxed'.xyz"), ("x,y", "line\nbreak"), ("ctl\x01char", "tab\there"),
        ("Li\u207a in \u00c5", "\u00e9t\u00e9")}
ok(want <= got, "odd.csv: quotes, commas, a line break, a tab, a control character and UTF-8 read back exactly")
ok(rows("empty") == [] and open("%s/empty.csv" % d).read() == ",".join(head) + "\n", "empty.csv: the header only")
PYEOF
)


"$tool" "$t/missing" > "$t/bad.out" 2>&1; rc=$?
check "a directory that does not exist: exit 1, the message names the file" \
    '[ $rc -eq 1 ] && grep -q "$t/missing/big.txt: cannot create" "$t/bad.out"'
echo "1..$n"
