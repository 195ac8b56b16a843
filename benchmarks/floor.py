"""The floor the benchmark measures against: a bare Typer app that parses one argument and
prints it, run by the same Python with the same Typer."""

import typer

app = typer.Typer()


@app.command()
def main(name: str) -> None:
    print(name)


if __name__ == "__main__":
    app()
