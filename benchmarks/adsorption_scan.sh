#!/usr/bin/env bash
# The adsorption workflow's two savings measured on one small scan (issue 11, "Done when":
# "The funnel and the density reuse are measured"): iterations and wall time of the same
# scan with and without the screening funnel and the density reuse, one run after the
# other on the same machine, single process, one BLAS thread.
#
#   benchmarks/adsorption_scan.sh [PAWSORB_BINARY] [sp|relax|all]   (default ./pawsorb, all)
#
# The scan: the two-layer MgO(001) test slab (tests/data/adsorption/mgo001_2layers.xyz,
# 8 atoms, 4.21 x 4.21 A, bottom layer fixed with fix_below 5.5), H2O from the molecule
# library, automatic placements {sites: all, orientations: [flat, upright], heights: [2.0],
# max: 4} (top-1 = over Mg and top-2 = over O, flat and upright), PBE 250 eV, Gamma, D2,
# the default SCF criteria.
#
#   sp    single points (adsorption.relax: false; the molecule alone at its place first,
#         then the complex), reuse_density true and false, with the default SCF criteria
#         and with tight ones (energy_tol and density_tol 1e-7): E_b and the forces of
#         the complexes compared. ~4 min.
#   relax relax: {fmax: 0.05} (CG), deformation energies on:
#         A  full protocol, no screening, reuse_density: true
#         B  the same, reuse_density: false
#         C  screening {cutoff: 200, fmax: 0.2, keep: 2}, reuse_density: true
#         ~25 min of CPU on one core (~50 min wall at load average 6-8 on 2 cores).
#
# For each variant: placements per stage, SCF iterations summed over every part of the
# results file (each part group's /relax/scf_iterations, or /scf/iterations for a single
# point; checked against the sum of the log's per-part lines), the complexes' first-step
# SCF iterations and what they started from (the log's "started from" lines), wall and
# CPU time and peak memory (/usr/bin/time -v), the load average before and after; then
# E_b per adsorbate and placement, A - B, and C's stages against A for the same
# placements. Checks (printed as CHECK ok / CHECK FAILED, exit 1 on a failure): every
# planned placement has its group and status ok, every part's SCF converged, exit 0,
# the slab and molecule references of A and B equal (they do not depend on the reuse),
# |E_b(A) - E_b(B)| <= ADS_SCAN_TOL (default 1e-4 eV) for the single points.
#
# Environment: ADS_SCAN_MAX (placements per adsorbate, default 4), ADS_SCAN_ADSORBATES
# (the adsorbates list, default "H2O"; e.g. "H2O, {file: h2.xyz, name: H2}" adds the test
# data's H2, about doubling the time), ADS_SCAN_DIR (work
# directory, kept; default a temporary one, removed), ADS_SCAN_TOL. Results of the runs
# so far: benchmarks/README.md, output: benchmarks/adsorption_scan.out.
set -u
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/.." && pwd)
bin=$(cd "$(dirname "${1:-./pawsorb}")" && pwd)/$(basename "${1:-./pawsorb}")
which=${2:-all}
max=${ADS_SCAN_MAX:-4}
adsorbates=${ADS_SCAN_ADSORBATES:-H2O}
tol=${ADS_SCAN_TOL:-1e-4}
if [ -n "${ADS_SCAN_DIR:-}" ]; then work=$ADS_SCAN_DIR; mkdir -p "$work"
else work=$(mktemp -d); trap 'rm -rf "$work"' EXIT; fi
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
[ -x "$bin" ] || { echo "no pawsorb binary at $bin" >&2; exit 1; }
cp "$src/tests/data/adsorption/mgo001_2layers.xyz" "$work/slab.xyz"
cp "$src/tests/data/adsorption/h2.xyz" "$work/h2.xyz"

echo "# benchmarks/adsorption_scan.sh $*"
echo "# date $(date -u +%Y-%m-%dT%H:%M:%SZ), host $(hostname), $(nproc --all) cores, nice $(nice)"
echo "# ADS_SCAN_MAX=$max ADS_SCAN_ADSORBATES=\"$adsorbates\" ADS_SCAN_TOL=$tol"
echo "# source $(git -C "$src" rev-parse --short=12 HEAD 2>/dev/null)$(git -C "$src" diff --quiet HEAD -- src 2>/dev/null || echo ' (src modified)'), binary $bin"
echo "# load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

write_input() {  # name relax(true|false) reuse(true|false) screening(yes|no) [tight]
    local scr="" scf=""
    [ "$4" = yes ] && scr="
  screening: {cutoff: 200, fmax: 0.2, keep: 2}"
    [ "${5:-}" = tight ] && scf="
scf: {energy_tol: 1.0e-7, density_tol: 1.0e-7, max_iter: 300}"
    cat > "$work/$1.yaml" <<YAML
task: adsorption
structure: {file: slab.xyz, fix_below: 5.5}
dft: {xc: PBE, cutoff: 250, dispersion: d2}$scf
relax: {method: cg, fmax: 0.05}
adsorption:
  adsorbates: [$adsorbates]
  placements: {sites: all, orientations: [flat, upright], heights: [2.0], max: $max}
  relax: $2
  reuse_density: $3$scr
output: {file: $1.h5}
YAML
}

run() {  # name
    local l0 l1
    l0=$(cut -d' ' -f1 /proc/loadavg)
    echo "# run $1: $(date -u +%H:%M:%S), load $l0" >&2
    (cd "$work" && /usr/bin/time -v "$bin" run "$1.yaml" > "$1.log" 2> "$1.time"; echo "$?" > "$1.rc")
    l1=$(cut -d' ' -f1 /proc/loadavg)
    echo "$l0 $l1" > "$work/$1.load"
    echo "# run $1: exit $(cat "$work/$1.rc"), $(grep -F 'Elapsed' "$work/$1.time" | sed 's/.*: //') wall" >&2
}

variants=()
case $which in
    sp|all) write_input sp_reuse false true no; write_input sp_noreuse false false no
            write_input sp_tight_reuse false true no tight; write_input sp_tight_noreuse false false no tight
            run sp_reuse; run sp_noreuse; run sp_tight_reuse; run sp_tight_noreuse
            variants+=(sp_reuse sp_noreuse sp_tight_reuse sp_tight_noreuse) ;;&
    relax|all) write_input A true true no; write_input B true false no; write_input C true true yes
               run A; run B; run C; variants+=(A B C) ;;
    sp|relax|all) ;;
    *) echo "unknown case $which (sp, relax, all)" >&2; exit 1 ;;
esac
echo "# load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# inputs (placements max $max per adsorbate):"
for v in "${variants[@]}"; do echo "## $v.yaml"; sed 's/^/#   /' "$work/$v.yaml"; done

/usr/bin/python3 - "$work" "$tol" "${variants[@]}" <<'PY'
import re, sys, h5py, numpy as np
work, tol, variants = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
failed = []
def check(ok, what):
    print('CHECK %s: %s' % ('ok' if ok else 'FAILED', what))
    if not ok: failed.append(what)
st = lambda o: o.decode() if isinstance(o, bytes) else str(o)

def timing(v):
    t = open('%s/%s.time' % (work, v)).read()
    g = lambda k: re.search(re.escape(k) + r'.*?: (.*)', t).group(1).strip()
    el = [float(x) for x in g('Elapsed (wall clock) time').split(':')]
    wall = sum(x * 60 ** i for i, x in enumerate(reversed(el)))
    return wall, float(g('User time (seconds)')) + float(g('System time (seconds)')), float(g('Maximum resident set size')) / 1024

def parts(f):
    """every part group: path -> (stage, kind, iterations, first-step iterations, converged, status)"""
    out = {}
    def visit(name, obj):
        if not isinstance(obj, h5py.Group) or not ('scf' in obj or 'relax' in obj): return
        if 'relax' in obj and 'scf_iterations' in obj['relax']:
            it = obj['relax/scf_iterations'][()]
            n, first = int(it.sum()), int(it[0]) if len(it) else 0
        else:
            n = first = int(obj['scf/iterations'][()])
        conv = bool(obj['scf/converged'][()]) if 'scf/converged' in obj else False
        out[name] = (2 if not name.startswith('adsorption/screening/') else 1, name.rsplit('/', 1)[-1], n, first,
                     conv, st(obj.attrs.get('status', '?')))
    f.visititems(visit)
    return out

def placements(f, stage):
    base = 'adsorption/screening' if stage == 1 else 'adsorption'
    res = {}
    if base not in f: return res
    for ads in f[base]:
        g = f[base][ads]
        if not isinstance(g, h5py.Group) or 'placements' not in g: continue
        for p in g['placements']:
            q = g['placements'][p]
            res[(ads, p)] = dict(eb=float(q['energy'][()]), status=st(q.attrs.get('status', '?')),
                                 ec=float(q['energy_complex'][()]), es=float(q['energy_slab'][()]),
                                 em=float(q['energy_molecule'][()]), dm=float(q['deformation_molecule'][()]),
                                 ds=float(q['deformation_slab'][()]))
            c = q['complex']
            res[(ads, p)]['F'] = c['forces'][()]
            res[(ads, p)]['pos'] = c['structure/positions'][()]
            if 'relax' in c:
                res[(ads, p)].update(steps=len(c['relax/energies'][()]), e0=float(c['relax/energies'][0]))
    return res

D = {}
for v in variants:
    log = open('%s/%s.log' % (work, v)).read()
    rc = int(open('%s/%s.rc' % (work, v)).read())
    l0, l1 = open('%s/%s.load' % (work, v)).read().split()
    f = h5py.File('%s/%s.h5' % (work, v), 'r')
    P = parts(f)
    planned = re.findall(r'^adsorption: placement +\d+: (\S+) +(\S+) \(', log, re.M)
    starts = re.findall(r'^adsorption: (\S+) started from (.+): (\d+) SCF iterations in its first step', log, re.M)
    logit = [int(x) for x in re.findall(r'^adsorption: .* E = .* (\d+) SCF iterations +[\d.]+ s', log, re.M)]
    logwall = sum(float(x) for x in re.findall(r'^adsorption: .* E = .* SCF iterations +([\d.]+) s', log, re.M))
    wall, cpu, mb = timing(v)
    D[v] = dict(rc=rc, load=(l0, l1), P=P, planned=planned, starts=starts, wall=wall, cpu=cpu, mb=mb,
                wall_attr=float(f.attrs.get('wall_time', np.nan)), logwall=logwall, rev=st(f.attrs.get('git_revision', '?')),
                pl={s: placements(f, s) for s in (1, 2)}, status=st(f.attrs.get('status', '?')))
    d = D[v]
    print('\n## %s: exit %d, root status %s, binary git_revision %s' % (v, rc, d['status'], d['rev']))
    check(rc == 0 and d['status'] == 'ok', '%s: exit 0 and root status ok' % v)
    check(all(p[4] for p in P.values()), '%s: every part\'s SCF converged (%d parts)' % (v, len(P)))
    bad = [k for k, p in P.items() if p[5] != 'ok']
    check(not bad, '%s: every part status ok%s' % (v, (': not ' + ', '.join(bad)) if bad else ''))
    tot = sum(p[2] for p in P.values())
    check(tot == sum(logit), '%s: SCF iterations in the file (%d) = sum of the log\'s part lines (%d)' % (v, tot, sum(logit)))
    planned_set = set(planned)
    for s in (1, 2):
        got = set(d['pl'][s])
        if s == 1 and not got: continue
        if s == 2 and d['pl'][1]:   # after the funnel: the kept ones, `keep` per adsorbate
            ok = got <= planned_set and all(sum(1 for a, _ in got if a == ads) == min(2, sum(1 for b, _ in planned_set if b == ads))
                                            for ads in set(a for a, _ in planned_set))
        else:
            ok = got == planned_set
        check(ok, '%s: stage %d placements in the file %s (planned %d)' % (v, s, sorted(got), len(planned_set)))
        for k, r in d['pl'][s].items():
            if r['status'] != 'ok': check(False, '%s: stage %d %s/%s status %s' % (v, s, k[0], k[1], r['status']))
    for name, what, n in starts:
        print('  %-28s started from %-32s %3s SCF iterations in its first step' % (name, what, n))

def stage_parts(d, s): return {k: p for k, p in d['P'].items() if p[0] == s}
print('\n# Iterations and time per variant (SCF iterations summed over every part of the results file)')
hdr = ('variant', 'placements s1/s2', 'parts', 'SCF iter total', 'of which complexes', 'complexes first steps',
       'wall s', 'CPU s', 'peak MB', 'load', 'sum part walls s', 'root wall_time attr')
print('| ' + ' | '.join(hdr) + ' |')
print('|' + '---|' * len(hdr))
for v in variants:
    d = D[v]
    n1, n2 = len(d['pl'][1]), len(d['pl'][2])
    tot = sum(p[2] for p in d['P'].values())
    cx = [p for p in d['P'].values() if p[1] == 'complex']
    first = [p[3] for k, p in sorted(d['P'].items()) if p[1] == 'complex']
    per = ' + '.join('s%d %d' % (s, sum(p[2] for p in stage_parts(d, s).values())) for s in (1, 2) if stage_parts(d, s))
    print('| %s | %s/%d | %d | %d (%s) | %d | %d = %s | %.1f | %.1f | %.1f | %s -> %s | %.1f | %.3f |' % (
        v, n1 if n1 else '-', n2, len(d['P']), tot, per, sum(p[2] for p in cx), sum(first), '+'.join(map(str, first)),
        d['wall'], d['cpu'], d['mb'], d['load'][0], d['load'][1], d['logwall'], d['wall_attr']))

def ratio_line(a, b, what):
    if a in D and b in D:
        ta = sum(p[2] for p in D[a]['P'].values()); tb = sum(p[2] for p in D[b]['P'].values())
        fa = [p[3] for p in D[a]['P'].values() if p[1] == 'complex']; fb = [p[3] for p in D[b]['P'].values() if p[1] == 'complex']
        print('%s: SCF iterations %d / %d = %.3f; complexes\' first steps, mean per complex %.2f (%d) / %.2f (%d) = %.3f; '
              'CPU %.1f / %.1f s = %.3f' % (what, ta, tb, ta / tb, np.mean(fa), len(fa), np.mean(fb), len(fb),
                                            np.mean(fa) / np.mean(fb), D[a]['cpu'], D[b]['cpu'], D[a]['cpu'] / D[b]['cpu']))
print()
ratio_line('sp_reuse', 'sp_noreuse', 'single points, reuse / no reuse')
ratio_line('A', 'B', 'relaxed, A (reuse) / B (no reuse)')
ratio_line('C', 'A', 'relaxed, C (funnel) / A (full scan)')

def compare(a, b, sa, sb, title, strict):
    if a not in D or b not in D: return
    print('\n# E_b (eV): %s' % title)
    print('| adsorbate | placement | %s | %s | difference |' % (a + ('' if sa == 2 else ' stage %d' % sa), b + ('' if sb == 2 else ' stage %d' % sb)))
    print('|---|---|---|---|---|')
    PA, PB = D[a]['pl'][sa], D[b]['pl'][sb]
    worst = 0
    for k in sorted(set(PA) | set(PB)):
        ea = PA[k]['eb'] if k in PA else np.nan
        eb = PB[k]['eb'] if k in PB else np.nan
        if k in PA and k in PB: worst = max(worst, abs(ea - eb))
        print('| %s | %s | %.6f | %.6f | %+.6f |' % (k[0], k[1], ea, eb, ea - eb))
    print('largest |difference| %.2e eV' % worst)
    if strict: check(worst <= tol, '%s: |E_b(%s) - E_b(%s)| = %.2e <= %.0e eV' % (title, a, b, worst, tol))
    return worst

def forces(a, b, what):
    if a not in D or b not in D: return
    PA, PB = D[a]['pl'][2], D[b]['pl'][2]
    print('max |F(%s) - F(%s)| over the complexes\' atoms (eV/Ang), %s: %s' % (a, b, what, ', '.join(
        '%s/%s %.1e' % (k[0], k[1], np.abs(PA[k]['F'] - PB[k]['F']).max()) for k in sorted(PA) if k in PB)))
compare('sp_reuse', 'sp_noreuse', 2, 2, 'single points, reuse_density true vs false', True)
forces('sp_reuse', 'sp_noreuse', 'default SCF criteria')
compare('sp_tight_reuse', 'sp_tight_noreuse', 2, 2, 'single points, SCF criteria 1e-7, reuse_density true vs false', True)
forces('sp_tight_reuse', 'sp_tight_noreuse', 'SCF criteria 1e-7')
forces('sp_reuse', 'sp_tight_reuse', 'error of the default criteria, reuse')
forces('sp_noreuse', 'sp_tight_noreuse', 'error of the default criteria, no reuse')
ratio_line('sp_tight_reuse', 'sp_tight_noreuse', 'single points at SCF criteria 1e-7, reuse / no reuse')
if 'A' in D and 'B' in D:
    # the references do not depend on the reuse: the same start, the same steps
    ra = {k: p for k, p in D['A']['pl'][2].items()}; rb = D['B']['pl'][2]
    same = all(ra[k]['es'] == rb[k]['es'] and ra[k]['em'] == rb[k]['em'] for k in ra if k in rb)
    check(same, 'A and B: slab and molecule references bit-identical')
    w = compare('A', 'B', 2, 2, 'relaxed, A (reuse_density true) vs B (false)', False)
    print('E(complex) A - B per placement (eV): ' + ', '.join('%s/%s %+.2e' % (k[0], k[1], ra[k]['ec'] - rb[k]['ec']) for k in sorted(ra) if k in rb))
    for k in sorted(ra):
        if k in rb:
            na = D['A']['P']['adsorption/%s/placements/%s/complex' % k]; nb = D['B']['P']['adsorption/%s/placements/%s/complex' % k]
            print('  %s/%s complex: A %d SCF iterations (first step %d), B %d (first step %d); steps A %d, B %d; '
                  'first-step energy A - B %+.2e eV; final E_def(mol) A - B %+.2e, E_def(slab) A - B %+.2e eV' % (
                      k[0], k[1], na[2], na[3], nb[2], nb[3], ra[k]['steps'], rb[k]['steps'], ra[k]['e0'] - rb[k]['e0'],
                      ra[k]['dm'] - rb[k]['dm'], ra[k]['ds'] - rb[k]['ds']))
    w0 = max(abs(ra[k]['e0'] - rb[k]['e0']) for k in ra if k in rb)
    check(w0 <= tol, 'relaxed: complexes\' first-step energies (same geometry) |A - B| = %.2e <= %.0e eV' % (w0, tol))
    check(w <= tol, 'relaxed: |E_b(A) - E_b(B)| = %.2e <= %.0e eV' % (w, tol))
compare('C', 'A', 2, 2, 'C full stage (from the screened geometry) vs A, kept placements', False)
compare('C', 'A', 1, 2, 'C screening stage (200 eV, fmax 0.2) vs A (250 eV, fmax 0.05)', False)
if 'C' in D and 'A' in D:
    A2 = D['A']['pl'][2]
    for k in sorted(D['C']['pl'][2]):
        c, a, c1 = D['C']['pl'][2][k], A2[k], D['C']['pl'][1][k]
        top = lambda r: ' '.join('%.3f' % z for z in r['pos'][:, 2][r['pos'][:, 2] > 6])   # slab atoms above fix_below + 0.5
        print('%s/%s: E_def(slab) A %.4f, C full %.4f; E_def(mol) A %.4f, C full %.4f eV; z of the atoms above 6 A (top layer, then adsorbate): '
              'A [%s], C screening [%s], C full [%s]' % (k[0], k[1], a['ds'], c['ds'], a['dm'], c['dm'], top(a), top(c1), top(c)))
    for ads in sorted(set(a for a, _ in A2)):
        ra = sorted((r['eb'], p) for (a, p), r in A2.items() if a == ads)
        rs = sorted((r['eb'], p) for (a, p), r in D['C']['pl'][1].items() if a == ads)
        kept = sorted(p for (a, p) in D['C']['pl'][2] if a == ads)
        print('%s: A\'s order %s; C screening order %s; C kept %s; A\'s best %s %s' % (
            ads, [p for _, p in ra], [p for _, p in rs], kept, ra[0][1], 'kept' if ra[0][1] in kept else 'NOT kept'))
print('\n%d check(s) failed' % len(failed) if failed else '\nall checks ok')
sys.exit(1 if failed else 0)
PY
