#!/usr/bin/env bash
# tests/cli/checkpoint_resume.sh with CG (its line search stopped in the middle: the trial
# and corrector points are ionic steps, so step 1 and 3 stop in different phases).
CHECKPOINT_METHOD=cg exec bash "$(dirname "$0")/checkpoint_resume.sh"
