"""``python -m bench [--quick] [--repeat N] [--no-load] [--no-excel] [--only NAME ...]``"""

import argparse
import sys


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a small subset, few repeats (smoke check)")
    parser.add_argument("--repeat", type=int, default=None, help="timed requests per case (default 20; quick 5)")
    parser.add_argument("--no-load", action="store_true", help="skip the gunicorn + wrk load test")
    parser.add_argument("--no-excel", action="store_true", help="skip the Excel import/export cases")
    parser.add_argument("--import-rows", type=int, default=10_000, help="rows of the generated .xlsx to import")
    parser.add_argument("--load-seconds", type=int, default=30)
    parser.add_argument("--only", nargs="*", default=None, help="case numbers or name fragments to run")
    args = parser.parse_args(argv)
    from bench import setup_django

    setup_django()
    from bench.cases import run

    return run(args)


if __name__ == "__main__":
    sys.exit(main())
