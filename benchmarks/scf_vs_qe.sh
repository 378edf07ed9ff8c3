#!/usr/bin/env bash
# pawsorb vs GPAW 22.8 vs Quantum ESPRESSO 6.7 (pw.x, Debian package quantum-espresso),
# single process each, one BLAS/OpenMP thread, same machine, one after the other: CPU time
# (user + sys), wall time, load average before/after, SCF iterations, peak memory
# (/usr/bin/time -v) and energy of each, and the ratios pawsorb/GPAW, pawsorb/QE, GPAW/QE.
#
#   benchmarks/scf_vs_qe.sh PAWSORB_BINARY [h2o|tio2|tio2_51|all]   (default all = h2o tio2)
#
#   h2o:     ASE g2 H2O, vacuum 4, periodic (as scf_vs_gpaw.sh); ~5 s per code, idle machine.
#   tio2:    the 27-atom TiO2(110)+H2O slab, /work/shared/reference/structures/
#            tio2_110_h2o.xyz (Ti8 O17 H2, periodic); ~1 min per code.
#   tio2_51: the 51-atom TiO2(110)-2x2+H2O slab, tio2_110_2x2_h2o.xyz; ~4-8 min per code.
#
# Settings, the same in the three codes: PBE, plane-wave cutoff 400 eV (= 29.40 Ry for
# QE's ecutwfc), Gamma point only (QE: K_POINTS gamma), Fermi-Dirac smearing 0.1 eV (GPAW's
# and pawsorb's default for a periodic cell; QE: occupations='smearing', smearing='fd',
# degauss = 0.1 eV / Ry = 0.00735 Ry), the number of bands GPAW uses (QE's nbnd is read
# from GPAW's text output). pawsorb and GPAW use the gpaw-setups PAW datasets and GPAW's
# default convergence criteria; GPAW runs in PW mode exactly as in scf_vs_gpaw.sh.
#
# QE's PAW datasets: pslibrary 1.0.0 (H.pbe-kjpaw, O.pbe-n-kjpaw, Ti.pbe-spn-kjpaw; same
# valence as the GPAW sets: H 1, O 6, Ti 12 electrons) generated at run time by ld1.x 6.7
# from the inputs in benchmarks/qe/ into $SCF_VS_QE_CACHE (default
# ${XDG_CACHE_HOME:-$HOME/.cache}/pawsorb-scf-vs-qe), never into the repository. ld1.x 6.7
# writes some data arrays (PP_Q, PP_MULTIPOLES, ...) as one line of up to 4700 characters,
# which pw.x 6.7's own UPF reader rejects ("xmlr_opentag: severe error, line too long",
# lines are read into 1024 characters); the script re-wraps those purely numeric lines to
# four numbers a line (white space inside UPF data is free), nothing else is changed.
#
# QE's density cutoff: ecutrho = QE_DUAL x ecutwfc, QE_DUAL=8 by default (the usual
# 8-12 x for ultrasoft/PAW in QE's documentation). With 8 x, QE's dense G sphere holds as
# many G vectors as pawsorb's (= GPAW's) density sphere pd3 (134 655 for H2O; both printed
# below). pslibrary's own suggestions, written by ld1.x into the UPF files, are higher in
# absolute terms (wavefunctions/density: H 46/221 Ry, O 47/323 Ry, Ti 52/575 Ry) because
# its sets need 46-52 Ry for the wavefunctions: at 29.4 Ry QE's absolute energy is not
# converged in the cutoff. This is a same-cutoff, same-grid timing comparison.
#
# Mixing: QE's defaults (Broyden, mixing_mode='plain', mixing_beta=0.7), set by
# QE_MIXING_MODE and QE_MIXING_BETA. On the 51-atom slab they do not converge (the
# estimated scf accuracy still 5-65 Ry after 60 iterations: charge sloshing across the
# 13 A cell); QE's documentation advises mixing_mode='local-TF' and a smaller beta for
# such inhomogeneous systems. A QE run that does not converge in electron_maxstep (100)
# is reported as such, without ratios.
#
# Convergence: QE stops when its "estimated scf accuracy" (an estimate of the total-energy
# error, in Ry) is below conv_thr. The script runs QE once per threshold in QE_CONV (eV per
# atom; default "1e-4 1e-5 1e-6"): conv_thr = natoms x threshold / Ry. 1e-4 eV/atom is
# the nominal level of GPAW's default criteria, but GPAW stops only when its density
# criterion (1e-4 electrons per valence electron) is met too, which leaves its energy
# converged much better: its last three energies agree to ~1e-6 eV/atom (printed). The
# tighter QE runs bracket that level. Each code's convergence history is summarised in
# the last column: the spread of its last three SCF energies per atom (the quantity GPAW's
# energy criterion tests), for QE also its final "estimated scf accuracy" per atom and,
# for all but the tightest threshold, the true error: the energy minus that of the
# tightest run (same start, same deterministic history up to the earlier stop).
#
# The machine may be shared: SCF_VS_QE_AUTOGROUP_NICE=-20 (as root) gives this session's
# autogroup the CPU first (written to /proc/self/autogroup, printed below). Compare the
# CPU columns; wall times follow the load.
set -u
here=$(cd "$(dirname "$0")" && pwd)
bin=${1:?usage: $0 PAWSORB_BINARY [h2o|tio2|tio2_51|all]}
which=${2:-all}
case $bin in /*) ;; *) bin=$(pwd)/$bin ;; esac
[ -x "$bin" ] || { echo "$0: $bin: not an executable pawsorb binary" >&2; exit 1; }
py=/usr/bin/python3
structures=${STRUCTURES:-/work/shared/reference/structures}
dual=${QE_DUAL:-8}
conv_list=${QE_CONV:-1e-4 1e-5 1e-6}
mixing_mode=${QE_MIXING_MODE:-plain}   # QE's defaults; local-TF for the 51-atom slab
mixing_beta=${QE_MIXING_BETA:-0.7}
case $mixing_mode in plain | TF | local-TF) ;; *) echo "$0: QE_MIXING_MODE=$mixing_mode: not plain, TF or local-TF" >&2; exit 1 ;; esac
cache=${SCF_VS_QE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pawsorb-scf-vs-qe}
for x in pw.x ld1.x /usr/bin/time bc; do
    command -v "$x" > /dev/null || { echo "$0: $x not found (apt-get install quantum-espresso time bc)" >&2; exit 1; }
done
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1
if [ -n "${SCF_VS_QE_AUTOGROUP_NICE:-}" ]; then
    echo "$SCF_VS_QE_AUTOGROUP_NICE" > /proc/self/autogroup ||
        { echo "$0: cannot write $SCF_VS_QE_AUTOGROUP_NICE to /proc/self/autogroup" >&2; exit 1; }
fi
Ry=13.605693122994   # eV, CODATA 2018 (ase.units.Ry)

echo "# scf_vs_qe.sh $which; $(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc --all) cores; $(uname -n)"
echo "# $("$bin" --version 2>&1 | head -1) = $bin; repository HEAD $(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo '?') ($(git -C "$here" status --porcelain -- ../src 2>/dev/null | wc -l) files under src/ differ from it in the working tree)"
echo "# $(pw.x -h < /dev/null 2>&1 | awk '/Program PWSCF/ {print $2, $3}'), $($py -c 'import gpaw, ase; print("GPAW", gpaw.__version__, "ASE", ase.__version__)'), $(cat /proc/self/autogroup 2>/dev/null)"
echo "# load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# QE: ecutwfc 400 eV = $(echo "400 / $Ry" | bc -l | cut -c1-6) Ry, ecutrho = $dual x ecutwfc, conv_thr for $conv_list eV/atom, mixing_mode '$mixing_mode', mixing_beta $mixing_beta"

# --- QE's PAW datasets from pslibrary 1.0.0 inputs -------------------------------------
make_paw() {  # element tag (e.g. O n-): makes $cache/<name>.UPF unless it is there and current
    local name=$1.pbe-$2kjpaw_psl.1.0.0
    local in=$here/qe/$name.in
    [ -f "$in" ] || { echo "$0: $in missing" >&2; exit 1; }
    if [ -s "$cache/$name.UPF" ] && cmp -s "$in" "$cache/$name.in"; then return; fi
    mkdir -p "$cache" || exit 1
    local w; w=$(mktemp -d)
    (cd "$w" && ld1.x < "$in" > "$name.out" 2>&1)
    if [ ! -s "$w/$name.UPF" ] || grep -q 'Error' "$w/$name.out"; then
        echo "$0: ld1.x failed on $in, see $cache/$name.ld1.out" >&2; cp "$w/$name.out" "$cache/$name.ld1.out"; exit 1
    fi
    # pw.x 6.7 reads UPF lines into 1024 characters: numeric lines to 4 numbers a line
    awk 'length($0) > 1000 && $0 !~ /[<>=]/ {
             for (i = 1; i <= NF; i++) printf "%s%s", $i, (i % 4 == 0 || i == NF) ? "\n" : " "; next }
         { print }' "$w/$name.UPF" > "$cache/$name.UPF"
    cp "$w/$name.out" "$cache/$name.ld1.out"; cp "$in" "$cache/$name.in"
    rm -rf "$w"
    echo "# made $cache/$name.UPF with ld1.x ($(awk '/Suggested minimum cutoff for wavefunctions/ {w=$6} /Suggested minimum cutoff for charge/ {r=$7} END {print "pslibrary suggests ecutwfc", w, "Ry, ecutrho", r, "Ry"}' "$cache/$name.UPF"))"
}
make_paw H ""; make_paw O n-; make_paw Ti spn-

# --- inputs ------------------------------------------------------------------------------
write_inputs() {  # case
    local c=$1 xyz=
    case $c in
    h2o)
        cat > "$tmp/h2o.yaml" <<YAML
task: scf
structure:
  cell: [[8.0, 0.0, 0.0], [0.0, 9.526478, 0.0], [0.0, 0.0, 8.596309]]
  pbc: [true, true, true]
  atoms:
    - [O, 4.0, 4.763239, 4.596309]
    - [H, 4.0, 5.526478, 4.0]
    - [H, 4.0, 4.0, 4.0]
dft:
  xc: PBE
  cutoff: 400
output:
  file: $tmp/h2o.h5
YAML
        cat > "$tmp/atoms_h2o.py" <<PY
from ase.build import molecule
a = molecule('H2O'); a.center(vacuum=4.0); a.pbc = True
PY
        cat > "$tmp/gpaw_h2o.py" <<PY
from gpaw import GPAW, PW
exec(open('$tmp/atoms_h2o.py').read())
a.calc = GPAW(mode=PW(400), xc='PBE', txt='$tmp/gpaw_h2o.txt')
print('energy', a.get_potential_energy())
PY
        return ;;
    tio2) xyz=$structures/tio2_110_h2o.xyz ;;
    tio2_51) xyz=$structures/tio2_110_2x2_h2o.xyz ;;
    esac
    [ -r "$xyz" ] || { echo "$0: $xyz: cannot read the structure" >&2; exit 1; }
    cat > "$tmp/$c.yaml" <<YAML
task: scf
structure:
  file: $xyz
dft:
  xc: PBE
  cutoff: 400
  kpoints: [1, 1, 1]
output:
  file: $tmp/$c.h5
YAML
    cat > "$tmp/atoms_$c.py" <<PY
from ase.io import read
a = read('$xyz')
assert a.pbc.all()   # so GPAW's default occupations are Fermi-Dirac 0.1 eV
PY
    cat > "$tmp/gpaw_$c.py" <<PY
from gpaw import GPAW, PW
exec(open('$tmp/atoms_$c.py').read())
a.calc = GPAW(mode=PW(400), xc='PBE', kpts=(1, 1, 1), txt='$tmp/gpaw_$c.txt')
print('energy', a.get_potential_energy())
PY
}

write_qe_input() {  # case nbnd conv_ev_per_atom -> $tmp/qe_<case>_<conv>.in
    local c=$1 nbnd=$2 conv=$3
    $py - "$tmp/atoms_$c.py" "$tmp/qe_${c}_$conv.in" "$nbnd" "$conv" "$dual" "$cache" "$tmp/qe_$c" \
        "$mixing_mode" "$mixing_beta" <<'PY'
import sys
from ase.io import write
from ase.units import Ry
atoms_py, out, nbnd, conv, dual, cache, outdir, mixing_mode, mixing_beta = sys.argv[1:]
ns = {}
exec(open(atoms_py).read(), ns)
a = ns['a']
a.set_tags(0)   # one species per element
a.set_initial_magnetic_moments(None)
ecut = 400 / Ry
inp = {'control': {'calculation': 'scf', 'prefix': 'pwscf', 'outdir': outdir,
                   'pseudo_dir': cache, 'disk_io': 'none'},
       'system': {'ecutwfc': ecut, 'ecutrho': float(dual) * ecut, 'nbnd': int(nbnd),
                  'occupations': 'smearing', 'smearing': 'fd', 'degauss': 0.1 / Ry},
       'electrons': {'conv_thr': len(a) * float(conv) / Ry, 'mixing_mode': mixing_mode,
                     'mixing_beta': float(mixing_beta)}}
pp = {'H': 'H.pbe-kjpaw_psl.1.0.0.UPF', 'O': 'O.pbe-n-kjpaw_psl.1.0.0.UPF',
      'Ti': 'Ti.pbe-spn-kjpaw_psl.1.0.0.UPF'}
with open(out, 'w') as f:
    write(f, a, format='espresso-in', input_data=inp,
          pseudopotentials={s: pp[s] for s in set(a.get_chemical_symbols())})
PY
}

# --- running and reading ----------------------------------------------------------------
measure() {  # log, command... -> "wall cpu rss_MB load0 load1"
    local log=$1; shift
    local l0 l1
    l0=$(cut -d' ' -f1 /proc/loadavg)
    # pw.x exits with status 2 when the SCF does not converge: reported by compare(), not here
    /usr/bin/time -v "$@" > "$log" 2> "$log.time" || grep -q 'convergence NOT achieved' "$log" ||
        { echo "FAILED: $*, its output:" >&2; tail -n 30 "$log" "$log.time" >&2; return 1; }
    l1=$(cut -d' ' -f1 /proc/loadavg)
    awk -F': ' -v l0="$l0" -v l1="$l1" '
        /Elapsed \(wall clock\)/ { n = split($2, t, ":"); wall = (n == 3) ? t[1] * 3600 + t[2] * 60 + t[3] : t[1] * 60 + t[2] }
        /User time/ { u = $2 } /System time/ { s = $2 } /Maximum resident/ { m = $2 / 1024 }
        END { printf "%.2f %.2f %.1f %s %s\n", wall, u + s, m, l0, l1 }' "$log.time"
}

# energies of each SCF iteration, eV, one a line
history() {  # code log
    case $1 in
    pawsorb | gpaw) awk '/^iter:/ { e = $4; sub(/c$/, "", e); print e }' "$2" ;;
    qe) awk -v Ry="$Ry" '/^ *!? *total energy *=/ { printf "%.6f\n", $(NF-1) * Ry }' "$2" ;;
    esac
}
spread3() {  # code log natoms -> (max - min) of the last three SCF energies per atom, eV
    # (pawsorb and GPAW print energies to 1e-6 eV: equal ones give "<1e-6 eV / natoms")
    history "$1" "$2" | tail -3 | awk -v n="$3" 'NR == 1 { lo = hi = $1 } { if ($1 < lo) lo = $1; if ($1 > hi) hi = $1 } END { if (hi > lo) printf "%.1e", (hi - lo) / n; else printf "<%.0e", 1e-6 / n }'
}

row() {  # label "wall cpu rss l0 l1" iters energy conv-note
    local w c m l0 l1; read -r w c m l0 l1 <<<"$2"
    printf '%-12s %9.2f %9.2f %13s %6s %9.1f %15s  %s\n' "$1" "$c" "$w" "$l0->$l1" "$3" "$m" "$4" "$5"
}
ratio() { echo "$1 / $2" | bc -l | xargs printf '%.2f'; }

compare() {  # case
    local c=$1 natoms
    write_inputs "$c"
    natoms=$($py -c "exec(open('$tmp/atoms_$c.py').read()); print(len(a))")
    local p g
    p=$(cd "$tmp" && measure "$tmp/pawsorb_$c.log" "$bin" run "$tmp/$c.yaml") || exit 1
    g=$(cd "$tmp" && measure "$tmp/gpaw_$c.out" $py "$tmp/gpaw_$c.py") || exit 1
    local nbnd; nbnd=$(awk '/Number of bands in calculation:/ {print $NF}' "$tmp/gpaw_$c.txt")
    local conv q=() qe_e=() qe_it=()
    for conv in $conv_list; do
        write_qe_input "$c" "$nbnd" "$conv" || exit 1
        mkdir -p "$tmp/qe_$c"
        q+=("$(cd "$tmp" && measure "$tmp/qe_${c}_$conv.out" pw.x -in "$tmp/qe_${c}_$conv.in")") || exit 1
        rm -rf "$tmp/qe_$c"
        if grep -q 'convergence has been achieved' "$tmp/qe_${c}_$conv.out"; then
            qe_it+=("$(awk '/convergence has been achieved in/ {print $(NF-1)}' "$tmp/qe_${c}_$conv.out")")
            qe_e+=("$(awk -v Ry="$Ry" '/^!/ {printf "%.6f", $(NF-1) * Ry}' "$tmp/qe_${c}_$conv.out")")
        else   # "convergence NOT achieved after N iterations: stopping"
            qe_it+=("$(grep -c 'iteration #' "$tmp/qe_${c}_$conv.out")")
            qe_e+=("NOT_converged")
        fi
    done
    local pit git pe ge
    pit=$(grep -c '^iter:' "$tmp/pawsorb_$c.log")
    git=$(grep -c '^iter:' "$tmp/gpaw_$c.txt")
    pe=$(awk '/^Extrapolated:/ {print $2}' "$tmp/pawsorb_$c.log")
    ge=$(awk '/^energy/ {printf "%.6f", $2}' "$tmp/gpaw_$c.out")

    echo
    echo "== $c: $natoms atoms, $nbnd bands, PBE, 400 eV, Gamma, Fermi-Dirac 0.1 eV, one process each"
    echo "pawsorb: $(grep -m1 -E '^Cutoff:' "$tmp/pawsorb_$c.log"); $(grep -m1 -E '^Density cutoff:' "$tmp/pawsorb_$c.log")"
    echo "GPAW:    $(grep -m1 -A1 'Wave functions: Plane wave' "$tmp/gpaw_$c.txt" | tail -1 | sed 's/^ *//'); coarse grid $(grep -m1 -A2 '^Wave functions: Plane wave' "$tmp/gpaw_$c.txt" >/dev/null; grep -m1 -E 'Coarse grid:' "$tmp/gpaw_$c.txt" | sed 's/.*: *//'), fine grid $(grep -m1 -E 'Fine grid:' "$tmp/gpaw_$c.txt" | sed 's/.*: *//')"
    local conv0=${conv_list%% *}
    echo "QE:      $(grep -m1 'Dense  grid' "$tmp/qe_${c}_$conv0.out" | sed 's/^ *//'); $(grep -m1 'Smooth grid' "$tmp/qe_${c}_$conv0.out" | sed 's/^ *//'); $(grep -m1 'number of Kohn-Sham states' "$tmp/qe_${c}_$conv0.out" | sed 's/^ *//')"
    echo "energies: pawsorb and GPAW relative to their reference atoms, QE all-electron-like total (pslibrary datasets): compare within a code only"
    printf '%-12s %9s %9s %13s %6s %9s %15s  %s\n' code cpu_s wall_s load_avg iters peak_MB energy_eV "convergence (eV/atom)"
    row pawsorb "$p" "$pit" "$pe" "last 3 energies within $(spread3 pawsorb "$tmp/pawsorb_$c.log" "$natoms")"
    row GPAW "$g" "$git" "$ge" "last 3 energies within $(spread3 gpaw "$tmp/gpaw_$c.txt" "$natoms")"
    local i=0 last=$((${#q[@]} - 1))
    for conv in $conv_list; do
        local acc note
        acc=$(awk -v Ry="$Ry" -v n="$natoms" '/estimated scf accuracy/ {a = $(NF-1)} END {printf "%.1e", a * Ry / n}' "$tmp/qe_${c}_$conv.out")
        note="conv_thr $conv x $natoms; last 3 within $(spread3 qe "$tmp/qe_${c}_$conv.out" "$natoms"), est. accuracy $acc"
        if [ "${qe_e[$i]}" = NOT_converged ]; then
            note="conv_thr $conv x $natoms NOT reached in ${qe_it[$i]} iterations; last estimated scf accuracy $acc"
        elif [ "$i" -lt "$last" ] && [ "${qe_e[$last]}" != NOT_converged ]; then
            note="$note, error vs tightest run $(echo "(${qe_e[$i]} - ${qe_e[$last]}) / $natoms" | bc -l | xargs printf '%.1e')"
        fi
        row "QE $conv" "${q[$i]}" "${qe_it[$i]}" "${qe_e[$i]}" "$note"
        i=$((i + 1))
    done
    local pw pc gw gc qw qc
    read -r pw pc _ <<<"$p"; read -r gw gc _ <<<"$g"
    echo "ratios (CPU, wall):"
    echo "  pawsorb/GPAW        $(ratio "$pc" "$gc"), $(ratio "$pw" "$gw")"
    i=0
    for conv in $conv_list; do
        read -r qw qc _ <<<"${q[$i]}"
        [ "${qe_e[$i]}" = NOT_converged ] && { echo "  QE $conv did not converge: no ratio"; i=$((i + 1)); continue; }
        echo "  pawsorb/QE $conv   $(ratio "$pc" "$qc"), $(ratio "$pw" "$qw")"
        echo "  GPAW/QE $conv      $(ratio "$gc" "$qc"), $(ratio "$gw" "$qw")"
        i=$((i + 1))
    done
    echo "SCF histories (energy eV per iteration):"
    history pawsorb "$tmp/pawsorb_$c.log" > "$tmp/h.0"; history gpaw "$tmp/gpaw_$c.txt" > "$tmp/h.1"
    local hs=("$tmp/h.0" "$tmp/h.1") head="pawsorb GPAW"
    for conv in $conv_list; do history qe "$tmp/qe_${c}_$conv.out" > "$tmp/h.$conv"; hs+=("$tmp/h.$conv"); head="$head QE_$conv"; done
    paste "${hs[@]}" | awk -F "\t" -v h="$head" \
        'BEGIN { n = split(h, t, " "); printf "%5s", "iter"; for (i = 1; i <= n; i++) printf " %14s", t[i]; print "" }
         { printf "%5d", NR; for (i = 1; i <= n; i++) printf " %14s", (i <= NF) ? $i : ""; print "" }'
    echo "pawsorb timing table:"; sed -n '/^Timing/,$p' "$tmp/pawsorb_$c.log"
    echo "GPAW timing table (main lines):"; sed -n '/^Timing:/,/^Total:/p' "$tmp/gpaw_$c.txt" | grep -E '^[A-Za-z]|^ [A-Za-z]'
    local conv1=${conv_list##* }
    echo "QE timing (conv $conv1):"; sed -n '/init_run     :/,/electrons    :/p;/c_bands      :/p;/sum_band     :/p;/v_of_rho     :/p;/newd         :/p;/mix_rho      :/p;/PAW_pot      :/p;/PWSCF        :/p' "$tmp/qe_${c}_$conv1.out"
    echo "# load average after $c: $(cut -d' ' -f1-3 /proc/loadavg)"
}

{   # braces: bash reads the whole command before running it (safe if this file is edited meanwhile)
case $which in
h2o | tio2 | tio2_51) compare "$which" ;;
all) compare h2o; compare tio2 ;;
*) echo "usage: $0 PAWSORB_BINARY [h2o|tio2|tio2_51|all]" >&2; exit 1 ;;
esac
exit
}
