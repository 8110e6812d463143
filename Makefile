# Quick start: `make demo` and `make test` on a fresh Debian machine (root or sudo).
#   make demo      installs what building and running pilot needs (DEPS), builds the pilot target
#                  only, and runs it on data-example/
#   make test      installs the test tools too (TEST_DEPS), builds everything, runs ctest
#   make install   PREFIX=/usr/local by default: pilot, man page, completions, docs
#   make deb       the Debian package pilot-1x_<version>_<arch>.deb in $(BUILD_DIR)/package/
BUILD_DIR ?= build
JOBS ?= 2
BUILD_TYPE ?= RelWithDebInfo
# data-example/ is a snapshot; everything run on it pins this date.
DEMO_AS_OF := 2026-11-26
PREFIX ?= /usr/local

# Building and running pilot: the compiler, CMake and the libraries' -dev packages.
DEPS := cmake g++ make libcli11-dev libyaml-cpp-dev libfmt-dev libtomlplusplus-dev \
        nlohmann-json3-dev libxlsxwriter-dev
# What the tests use besides: doctest; python3-yaml (YAML → JSON for the schema tests, bench/gen);
# the shells whose completions they try; git (--changed-since); dpkg-dev, file and lintian
# (building and checking the .deb); node + npm for the independent JSON Schema validator and
# yaml-language-server; chromium (headless) with the Noto CJK fonts to render the HTML report,
# zlib to read its PNG; time for bench/run; python3-openpyxl to read the xlsx workbooks back
# (tests call /usr/bin/python3); neovim to run the editor setup of docs/lsp.md against `pilot lsp`.
TEST_DEPS := doctest-dev python3 python3-yaml zsh fish git dpkg-dev file lintian chromium \
             fonts-noto-cjk zlib1g-dev time python3-openpyxl neovim
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CMAKE_FLAGS := -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)
ifeq ($(CI),true)
CMAKE_FLAGS += -DPILOT_WERROR=ON
endif
ifeq ($(SANITIZE),1)
BUILD_DIR := build-sanitize
CMAKE_FLAGS += -DPILOT_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
endif

# $(call apt_install,PACKAGES[,EXTRA CHECK]): installs those of PACKAGES that dpkg does not
# list as installed (one apt-get update first, only when something is missing).
define apt_install
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	$(2) \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi
endef

.PHONY: all deps test-deps configure build demo test install deb clean fuzz bench

all: build

deps:
	$(call apt_install,$(DEPS))

# npm may come from Debian (nodejs + npm) or from elsewhere (NodeSource's nodejs includes it).
test-deps: deps
	$(call apt_install,$(TEST_DEPS),command -v npm >/dev/null 2>&1 || missing="$$missing nodejs npm";)

# The plain build: pilot, its man page and package files; no tests (they need TEST_DEPS).
build: deps
	cmake -S . -B $(BUILD_DIR) $(CMAKE_FLAGS) -DPILOT_TESTS=OFF
	cmake --build $(BUILD_DIR) -j$(JOBS) --target pilot pilot_install_files

demo: deps
	cmake -S . -B $(BUILD_DIR) $(CMAKE_FLAGS) -DPILOT_TESTS=OFF
	cmake --build $(BUILD_DIR) -j$(JOBS) --target pilot
	$(BUILD_DIR)/pilot validate --repo data-example --as-of $(DEMO_AS_OF)
	$(BUILD_DIR)/pilot status --repo data-example --as-of $(DEMO_AS_OF)
	$(BUILD_DIR)/pilot report --repo data-example --as-of $(DEMO_AS_OF)

test: test-deps
	cmake -S . -B $(BUILD_DIR) $(CMAKE_FLAGS) -DPILOT_TESTS=ON
	cmake --build $(BUILD_DIR) -j$(JOBS)
	cd $(BUILD_DIR) && ctest --output-on-failure -j$(JOBS)

install: build
	cmake --install $(BUILD_DIR) --prefix $(PREFIX)

deb: build
	cd $(BUILD_DIR) && cpack -G DEB -B package
	@ls $(BUILD_DIR)/package/*.deb

clean:
	rm -rf build build-sanitize $(FUZZ_DIR)

# `make fuzz`: the libFuzzer targets of fuzz/, built with clang in build-fuzz, each run for
# FUZZ_SECONDS on a seed corpus generated from data-example/ and tests/fixtures/. New inputs
# stay in build-fuzz/corpus/; a crash stops the run and is saved in build-fuzz/crashes/.
FUZZ_SECONDS ?= 60
FUZZ_DIR := build-fuzz
FUZZ_TARGETS := loader config
FUZZ_DEPS := clang libclang-rt-14-dev
FUZZ_FLAGS ?= -max_len=65536 -timeout=20 -rss_limit_mb=2560 -print_final_stats=1

fuzz: deps
	$(call apt_install,$(FUZZ_DEPS))
	cmake -S . -B $(FUZZ_DIR) -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPILOT_FUZZ=ON -DPILOT_TESTS=OFF
	cmake --build $(FUZZ_DIR) -j$(JOBS) --target $(addprefix fuzz_,$(FUZZ_TARGETS))
	fuzz/make_corpus $(FUZZ_DIR)/seeds
	@mkdir -p $(FUZZ_DIR)/crashes
	@for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_DIR)/corpus/$$t; \
	  echo "fuzz_$$t: $(FUZZ_SECONDS) s"; \
	  $(FUZZ_DIR)/fuzz/fuzz_$$t $(FUZZ_FLAGS) -max_total_time=$(FUZZ_SECONDS) -dict=fuzz/$$t.dict \
	    -artifact_prefix=$(FUZZ_DIR)/crashes/$$t- $(FUZZ_DIR)/corpus/$$t $(FUZZ_DIR)/seeds/$$t || exit 1; \
	done

# `make bench`: bench/run — Release build in build-release, generated repositories of ~5,000,
# 50,000 and 100,000 files in /tmp/pilot-bench, the table of docs/performance.md.
bench: test-deps
	bench/run

# `make golden`: rewrites tests/golden/ from the current build (the views' golden test with
# PILOT_UPDATE_GOLDEN=1) and lists what changed, for a person to review before committing.
# Refused when CI is set: a CI run only compares (docs/testing.md).
.PHONY: golden
golden:
	@if [ -n "$$CI" ]; then \
	  echo "make golden: refused because CI is set; a person updates goldens" >&2; exit 1; \
	fi
	$(MAKE) build
	cd $(BUILD_DIR) && PILOT_UPDATE_GOLDEN=1 ./tests/pilot_cli_tests --test-case='views: golden*'
	git status --short -- tests/golden
