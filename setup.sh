#!/usr/bin/env bash
# One-step set-up on Debian 12: installs the packages pawsorb needs (apt-get, as root or
# through sudo), generates the build system, configures in build/ and compiles.
# Safe to run again: it skips what is already done. Options go to ./configure, e.g.
#   ./setup.sh --enable-sanitizers
# On an HPC cluster use the manual build of README.md instead.
set -euo pipefail
cd "$(dirname "$0")"

# Build tools, the libraries of configure.ac, the PAW datasets (gpaw-data), and what the
# tests and benchmarks use: ASE and h5py to cross-check files, GPAW as the reference code,
# Slurm and munge for the private one-node cluster of tests/cli/slurm_submit.sh.
packages=(build-essential autoconf automake libtool pkg-config git ca-certificates
  openmpi-bin libopenmpi-dev libfftw3-dev libfftw3-mpi-dev libopenblas-dev liblapack-dev
  libscalapack-openmpi-dev libxc-dev libhdf5-openmpi-dev hdf5-tools libxml2-dev zlib1g-dev
  libyaml-dev libsymspg-dev gpaw-data gpaw python3-ase python3-h5py python3-numpy
  slurm-wlm munge)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo=sudo
  $sudo apt-get update -qq
  # Installing slurm-wlm and munge must not start their services (the tests start a private
  # cluster of their own): where no policy-rc.d says so already, one that refuses every
  # start is in place while apt-get runs (the usual Debian way in chroots and containers).
  policy=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    policy=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null && $sudo chmod 755 "$policy"
  fi
  rc=0
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null || rc=$?
  [ -z "$policy" ] || $sudo rm -f "$policy"
  [ $rc -eq 0 ] || exit $rc
fi

if [ ! -x configure ] || [ configure.ac -nt configure ]; then
  echo "setup: generating the build system (autoreconf)"
  autoreconf -fi >/dev/null 2>&1 || autoreconf -fi
fi
mkdir -p build
if [ ! -f build/Makefile ] || [ $# -gt 0 ]; then
  echo "setup: configuring in build/"
  (cd build && ../configure -q "$@")
fi
echo "setup: compiling"
make -C build -s -j"$(nproc)" >/dev/null
echo "setup: build/pawsorb is ready ($(build/pawsorb --version))"
