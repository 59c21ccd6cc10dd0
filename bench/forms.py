"""What a form's widgets cost: Django's template language against the project's renderer (ADR 0017).

``python -m bench.forms`` renders one form (a select of ``--options`` choices, a second of half as
many, a text, a date and a checkbox) with each renderer and prints the best of ``--repeat`` runs.
The project's renderer sends Django's own widget templates through Jinja2 (``core.forms_renderer``);
nothing is read from the database, so no data set is needed.
"""

import argparse
import time

from bench import setup_django


def best_time(render, repeat: int) -> float:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        render()
        timings.append(time.perf_counter() - started)
    return min(timings)


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--options", type=int, default=500, help="choices of the first select (default 500)")
    parser.add_argument("--repeat", type=int, default=30, help="renders of each renderer (default 30)")
    args = parser.parse_args(argv)
    setup_django()
    from django import forms
    from django.forms.renderers import DjangoTemplates

    from tuquan.core.forms_renderer import Renderer

    class Sample(forms.Form):
        unit = forms.ChoiceField(choices=[(i, f"Xã số {i}") for i in range(args.options)])
        kind = forms.ChoiceField(choices=[(i, f"Loại mô hình {i}") for i in range(args.options // 2)])
        name = forms.CharField()
        founded_on = forms.DateField()
        focus = forms.BooleanField()

    print(f"Một biểu mẫu: {args.options} + {args.options // 2} lựa chọn, 3 ô nhập; tốt nhất trong {args.repeat} lần")
    timings = {}
    for label, renderer in (("mẫu Django (DTL)", DjangoTemplates()), ("tuquan (Jinja2)", Renderer())):
        form = Sample(renderer=renderer)
        timings[label] = best_time(lambda form=form: [str(form[name]) for name in form.fields], args.repeat)
        print(f"  {label:18s} {timings[label] * 1000:7.1f} ms")
    slow, fast = timings.values()
    print(f"  Jinja2 nhanh hơn {slow / fast:.1f}×")


if __name__ == "__main__":
    main()
