#ifndef CLIBPQ_SHIM_H
#define CLIBPQ_SHIM_H

#include <libpq-fe.h>

/* PG_DIAG_* are character macros that Swift does not import. */
static const int clibpq_diag_sqlstate = 'C';
static const int clibpq_diag_message_primary = 'M';
static const int clibpq_diag_message_detail = 'D';
static const int clibpq_diag_constraint_name = 'n';

#endif
