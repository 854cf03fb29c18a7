# SPDX-License-Identifier: GPL-2.0
#
# edgedp top-level Makefile.
#
#   make              edgedp.ko against $(KDIR) and the userspace tools
#   make setup        install Debian packages and fetch the test kernels
#   make demo         build, boot a VM, load the module, drive it with edgectl
#   make check        host unit tests + VM selftests on every kernel target
#   make check-debug  build the debug kernel if missing, run selftests on it
#   make bench        icount benchmarks (docs/benchmarks.md)
#   make bench-ulcl   icount UL CL (SDF filter) benchmark
#   make style        checkpatch --strict and sparse on kmod/
#   make dkms-install install the module source with DKMS

CACHE ?= /var/cache/edgedp
KVER_RUNNING := $(shell uname -r)
ifneq ($(wildcard /lib/modules/$(KVER_RUNNING)/build/Makefile),)
KDIR ?= /lib/modules/$(KVER_RUNNING)/build
else
KDIR ?= $(shell scripts/kernels.sh kdir 6.1 2>/dev/null)
endif

VERSION := $(shell sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' dkms.conf)

.PHONY: all module tools clean setup demo check check-host check-debug bench bench-ulcl style \
	dkms-install dkms-uninstall

all: module tools

module:
	@test -n "$(KDIR)" || { echo "no kernel headers: run 'make setup' or set KDIR"; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

tools:
	$(MAKE) -C tools

setup:
	bash scripts/setup.sh

demo: setup
	bash scripts/demo.sh

check: setup
	bash scripts/check.sh

check-host: tools
	bash scripts/check.sh --host-only

check-debug: setup
	bash scripts/check.sh --debug

bench: setup
	bash scripts/bench.sh

bench-ulcl: setup
	bash scripts/bench.sh --ulcl

style:
	bash scripts/style.sh

dkms-install:
	bash scripts/dkms.sh install

dkms-uninstall:
	bash scripts/dkms.sh remove

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR) clean 2>/dev/null
	$(MAKE) -C tools clean
	rm -rf .build
