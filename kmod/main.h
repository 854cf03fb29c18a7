/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Copyright (C) 2026 The edgedp authors.
 */
#ifndef _EDGEDP_MAIN_H
#define _EDGEDP_MAIN_H

#define EDGEDP_VERSION "0.1.0"

/* Capabilities this build offers (enum edgedp_feature bits). */
#define EDGEDP_FEATURES (EDGEDP_FEATURE_DEV | EDGEDP_FEATURE_GTPU | EDGEDP_FEATURE_URR | \
			 EDGEDP_FEATURE_PEER | EDGEDP_FEATURE_SDF | \
			 EDGEDP_FEATURE_FASTPATH | EDGEDP_FEATURE_URR_QUOTA | \
			 EDGEDP_FEATURE_LIMITS)

#endif /* _EDGEDP_MAIN_H */
