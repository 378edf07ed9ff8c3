/* Named wall-clock timers, summed over calls, printed as a table at the end of a run
 * (like GPAW's timing table). Nesting is allowed; each name is timed on its own. */
#ifndef PAWSORB_TIMER_H
#define PAWSORB_TIMER_H

double timer_now(void);               /* seconds since an arbitrary origin */
void timer_start(const char *name);   /* name must be a string literal or outlive the run */
void timer_stop(const char *name);
void timer_report(void);              /* prints the table through the logger */
void timer_reset(void);

#endif
