/*
 * fuzz_csv.c: libFuzzer driver for the match CSV importer: fuzz_import.c's
 * checks (a refused import writes nothing; what is stored scores; the same
 * input again is unchanged, and with replace on changes nothing) over
 * import_csv.
 */
#define FUZZ_IMPORTER import_csv
#define FUZZ_NAME     "fuzz.csv"
#include "fuzz_import.c"
