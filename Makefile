# Quick start: `make demo` and `make test` on a fresh Debian machine (root or sudo).
BUILD_DIR ?= build
JOBS ?= 2
BUILD_TYPE ?= RelWithDebInfo
# data-example/ is a snapshot; everything run on it pins this date.
DEMO_AS_OF := 2026-11-26
PREFIX ?= /usr/local

DEPS := cmake g++ make libcli11-dev libyaml-cpp-dev libfmt-dev libtomlplusplus-dev \
        doctest-dev nlohmann-json3-dev python3 python3-yaml
# What the tests run besides pilot: the shells whose completions they try, git (--changed-since),
# dpkg-dev and file (cpack -G DEB), and node + npm for the independent JSON Schema validator.
TEST_DEPS := zsh fish git dpkg-dev file
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
CMAKE_FLAGS := -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)
ifeq ($(CI),true)
CMAKE_FLAGS += -DPILOT_WERROR=ON
endif
ifeq ($(SANITIZE),1)
BUILD_DIR := build-sanitize
CMAKE_FLAGS += -DPILOT_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug
endif

.PHONY: all deps build demo test install clean

all: build

deps:
	@missing=""; for p in $(DEPS) $(TEST_DEPS); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	done; \
	command -v npm >/dev/null 2>&1 || missing="$$missing nodejs npm"; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

build: deps
	cmake -S . -B $(BUILD_DIR) $(CMAKE_FLAGS)
	cmake --build $(BUILD_DIR) -j$(JOBS)

demo: build
	$(BUILD_DIR)/pilot validate --repo data-example --as-of $(DEMO_AS_OF)
	$(BUILD_DIR)/pilot status --repo data-example --as-of $(DEMO_AS_OF)
	$(BUILD_DIR)/pilot report --repo data-example --as-of $(DEMO_AS_OF)

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j$(JOBS)

install: build
	cmake --install $(BUILD_DIR) --prefix $(PREFIX)

clean:
	rm -rf build build-sanitize
