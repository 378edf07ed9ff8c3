# src/basis/pwlfc: localized functions (projectors, compensation charges, vbar, core density) on plane waves
libpawsorb_a_SOURCES +=
