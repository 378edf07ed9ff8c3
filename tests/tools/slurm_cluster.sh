# Sourced by tests that need a real Slurm (tests/cli/slurm_submit.sh; not a test itself):
# a private one-node cluster on this machine, from Debian's slurm-wlm and munge.
#
#   slurm_start DIR   writes DIR/slurm.conf (one node "pawsorbnode" with 2 CPUs, partition
#                     "debug", free TCP ports, state, spool and logs in DIR), starts munged
#                     with a key of its own, slurmctld and slurmd (as root), exports
#                     SLURM_CONF and waits until `sinfo` shows the node idle. Returns 0, or 1
#                     with $slurm_why saying why not (packages missing, not root, a daemon
#                     that did not start: the tail of its log).
#   slurm_stop        cancels every job of that cluster, waits for them to end, stops
#                     slurmd, slurmctld and munged (by their process ids) and leaves DIR.
#   slurm_wait "IDS" S waits until none of the jobs is in the queue (at most S seconds).
# A requeued job may start again only after AuthInfo's cred_expire: 5 s here (the least
# Slurm allows), 120 s by default.
#
# Nothing here touches the machine's own Slurm or munge (no /etc/slurm, no /run/munge, no
# systemd): the clients find this cluster through SLURM_CONF, munge through AuthInfo's
# socket. No cgroups (proctrack/linuxproc, task/none), so it runs in containers without
# a writable cgroup tree (gVisor included); SlurmdParameters=config_overrides keeps the
# node at 2 CPUs whatever the machine has. slurmd 22.05 starts its cgroup plugin even
# when nothing uses it and fails where /sys/fs/cgroup is not mounted (a chroot such as
# ../shared/tools/fresh-machine.sh's: "Unable to initialize cgroup plugin"); there
# slurm_start mounts a private cgroup v1 point in DIR (tmpfs + freezer) for it, named in
# DIR/cgroup.conf, and slurm_stop unmounts it.
slurm_why=""
slurm_pids=()
slurm_mounts=()

slurm_free_port() {   # a TCP port nobody listens on (the kernel picks it)
  /usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

slurm_start() {
  local d=$1
  local cmd
  for cmd in munged slurmctld slurmd sbatch squeue scontrol sinfo srun; do
    command -v "$cmd" >/dev/null 2>&1 || PATH=$PATH:/usr/sbin
    command -v "$cmd" >/dev/null 2>&1 || { slurm_why="$cmd not installed (Debian: apt-get install slurm-wlm munge)"; return 1; }
  done
  [ "$(id -u)" -eq 0 ] || { slurm_why="the daemons of a private cluster need root here (uid $(id -u))"; return 1; }
  slurm_dir=$d
  mkdir -p "$d/munge" "$d/state" "$d/spool/pawsorbnode" "$d/log"
  chmod 700 "$d/munge"   # munged wants the key private; -f: the socket below a mktemp -d directory
  head -c 1024 /dev/urandom > "$d/munge/munge.key" && chmod 400 "$d/munge/munge.key"
  munged -F -f --socket="$d/munge/socket" --key-file="$d/munge/munge.key" --log-file="$d/log/munged.log" \
    --pid-file="$d/munge/munged.pid" --seed-file="$d/munge/seed" </dev/null >/dev/null 2>&1 &
  slurm_pids+=($!)
  local p1 p2
  p1=$(slurm_free_port) && p2=$(slurm_free_port) || { slurm_why="no free TCP port"; return 1; }
  [ "$p1" != "$p2" ] || p2=$(slurm_free_port)
  cat > "$d/slurm.conf" <<EOF
ClusterName=pawsorbtest
SlurmctldHost=localhost(127.0.0.1)
SlurmctldPort=$p1
SlurmdPort=$p2
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$d/munge/socket,cred_expire=5
StateSaveLocation=$d/state
SlurmdSpoolDir=$d/spool/%n
SlurmctldPidFile=$d/slurmctld.pid
SlurmdPidFile=$d/slurmd.pid
SlurmctldLogFile=$d/log/slurmctld.log
SlurmdLogFile=$d/log/slurmd.log
SlurmctldDebug=info
SlurmdDebug=info
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=2,bf_interval=2
MpiDefault=none
SlurmdParameters=config_overrides
ReturnToService=2
JobRequeue=1
MinJobAge=600
KillWait=10
SlurmctldTimeout=30
SlurmdTimeout=60
InactiveLimit=0
Waittime=0
NodeName=pawsorbnode NodeHostname=localhost NodeAddr=127.0.0.1 CPUs=2 Sockets=1 CoresPerSocket=2 ThreadsPerCore=1 RealMemory=2000 State=UNKNOWN
PartitionName=debug Nodes=pawsorbnode Default=YES MaxTime=INFINITE State=UP
EOF
  if ! grep -q " /sys/fs/cgroup" /proc/self/mounts 2>/dev/null; then
    mkdir -p "$d/cgroup"
    if mount -t tmpfs cgroup_root "$d/cgroup" 2>/dev/null; then
      slurm_mounts+=("$d/cgroup")
      mkdir -p "$d/cgroup/freezer" && mount -t cgroup -o freezer freezer "$d/cgroup/freezer" 2>/dev/null &&
        slurm_mounts=("$d/cgroup/freezer" "${slurm_mounts[@]}")
      printf 'CgroupMountpoint=%s\nCgroupPlugin=cgroup/v1\n' "$d/cgroup" > "$d/cgroup.conf"
    fi
  fi
  export SLURM_CONF=$d/slurm.conf
  local i
  for i in $(seq 50); do [ -S "$d/munge/socket" ] && break; sleep 0.1; done
  [ -S "$d/munge/socket" ] || { slurm_why="munged did not start: $(tail -3 "$d/log/munged.log" 2>&1)"; return 1; }
  slurmctld -D -i </dev/null >"$d/log/slurmctld.out" 2>&1 &
  slurm_pids+=($!)
  slurmd -D -N pawsorbnode </dev/null >"$d/log/slurmd.out" 2>&1 &
  slurm_pids+=($!)
  for i in $(seq 150); do
    [ "$(sinfo -h -n pawsorbnode -o %t 2>/dev/null)" = idle ] && return 0
    sleep 0.2
  done
  slurm_why="the node is not idle after 30 s (sinfo: $(sinfo -h -o '%t %E' 2>&1 | head -2)); slurmctld: $(tail -2 "$d/log/slurmctld.log" 2>&1); slurmd: $(tail -2 "$d/log/slurmd.log" 2>&1)"
  return 1
}

slurm_jobs() { squeue -h -o %A 2>/dev/null; }

# Waits until none of the given job ids is in the queue (pending, running, completing).
# Returns 1 after $2 seconds. (No slurmdbd here, so no sacct: a job that left the queue
# is judged by `scontrol show job` and by the markers its script writes.)
slurm_wait() {   # "ids", seconds
  local ids=${1// /,} end=$(( $(date +%s) + $2 ))
  while [ "$(date +%s)" -lt "$end" ]; do
    [ -z "$(squeue -h -j "$ids" -o %A 2>/dev/null)" ] && return 0
    sleep 1
  done
  return 1
}

slurm_stop() {
  if [ -n "${SLURM_CONF:-}" ] && [ ${#slurm_pids[@]} -gt 1 ]; then
    local j
    for j in $(slurm_jobs); do scancel "$j" 2>/dev/null; done
    for _ in $(seq 60); do [ -z "$(slurm_jobs)" ] && break; sleep 0.5; done
  fi
  local i
  for (( i = ${#slurm_pids[@]} - 1; i >= 0; i-- )); do kill "${slurm_pids[i]}" 2>/dev/null; done
  for i in "${slurm_pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$i" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$i" 2>/dev/null
    wait "$i" 2>/dev/null
  done
  slurm_pids=()
  for i in "${slurm_mounts[@]}"; do umount "$i" 2>/dev/null; done
  slurm_mounts=()
}
