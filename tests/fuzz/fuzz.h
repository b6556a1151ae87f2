/* The entry point every fuzz target defines (libFuzzer's), shared by the
 * libFuzzer builds and by replay.c, which feeds the seed corpus and the kept
 * crashers to it in the normal test run. */
#ifndef JIBAO_FUZZ_H
#define JIBAO_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
