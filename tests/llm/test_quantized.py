"""Row-wise int8 Linear layers (bot/llm/quantized.py): close to float, and each row exact whatever is beside it."""

import pytest
import torch

from bot.llm import quantized


def test_an_int8_linear_stays_close_to_the_float_one():
    torch.manual_seed(0)
    linear = torch.nn.Linear(64, 48)
    layer = quantized.RowwiseInt8Linear(linear)
    x = torch.randn(5, 7, 64)
    expected = linear(x)
    got = layer(x)
    assert got.shape == expected.shape
    relative = (got - expected).norm() / expected.norm()
    assert relative < 0.02


def test_a_rows_result_does_not_depend_on_the_rows_fed_beside_it():
    torch.manual_seed(1)
    layer = quantized.RowwiseInt8Linear(torch.nn.Linear(32, 16, bias=False))
    row = torch.randn(1, 32)
    loud = torch.randn(3, 32) * 100  # would set the scale of a per-tensor quantizer
    alone = layer(row)
    together = layer(torch.cat([row, loud]))[:1]
    assert torch.equal(alone, together)


def test_every_linear_layer_of_a_model_is_replaced():
    model = torch.nn.Sequential(torch.nn.Linear(8, 8), torch.nn.ReLU(), torch.nn.Sequential(torch.nn.Linear(8, 4)))
    assert quantized.quantize_linears(model) == 2
    assert not any(type(m) is torch.nn.Linear for m in model.modules())
    assert model(torch.randn(2, 8)).shape == (2, 4)


@pytest.mark.skipif(not quantized.supported(), reason="this torch has no CPU int8 matrix multiply")
async def test_an_int8_model_loads_and_generates(tiny_model_dir):
    from bot.config import ModelSettings
    from bot.llm.engine import Engine, GenerationRequest

    engine = Engine(ModelSettings(name=str(tiny_model_dir), threads=1, quantize="int8"), progress=False)
    try:
        [text] = await engine.generate_async(
            [GenerationRequest([{"role": "user", "content": "the council"}], max_new_tokens=12)]
        )
    finally:
        engine.close()
    assert engine.label.endswith("int8")
    assert isinstance(text, str) and engine.last_stats.new_tokens > 0


def test_a_turned_input_gives_the_same_product():
    torch.manual_seed(2)
    from bot.llm import rotation

    linear = torch.nn.Linear(256, 24, bias=True)
    x = torch.randn(6, 256)
    x[:, 3] *= 40  # an outlier channel, as in real activations
    plain = quantized.RowwiseInt8Linear(linear)
    turned = quantized.RowwiseInt8Linear(linear, rotation=rotation.down_rotation())
    expected = linear(x)
    plain_error = (plain(x) - expected).norm() / expected.norm()
    turned_error = (turned(x) - expected).norm() / expected.norm()
    assert turned_error < plain_error / 2


def test_a_rotation_that_does_not_tile_the_inputs_is_refused():
    with pytest.raises(ValueError, match="does not tile"):
        quantized.RowwiseInt8Linear(torch.nn.Linear(100, 8), rotation=torch.eye(128, dtype=torch.float64))


@pytest.mark.parametrize(
    ("flags", "fast"),
    [
        ("fpu sse2 avx2 fma", False),
        ("avx2 avx512f avx512_vnni", True),
        ("avx2 avx_vnni", True),
        ("fp asimd asimddp", True),
    ],
)
def test_a_cpu_without_int8_dot_products_is_told_apart(tmp_path, flags, fast):
    cpuinfo = tmp_path / "cpuinfo"
    key = "Features" if "asimd" in flags else "flags"
    cpuinfo.write_text(f"processor\t: 0\nmodel name\t: Some CPU\n{key}\t\t: {flags}\n\nprocessor\t: 1\n")
    assert quantized.fast_on_this_cpu(str(cpuinfo)) is fast


def test_unreadable_cpu_features_are_unknown(tmp_path):
    assert quantized.fast_on_this_cpu(str(tmp_path / "missing")) is None
    (tmp_path / "empty").write_text("processor\t: 0\n")
    assert quantized.fast_on_this_cpu(str(tmp_path / "empty")) is None


def test_cpuinfo_gives_the_model_name_and_the_first_processors_flags(tmp_path):
    from bot.llm.cpu import read_cpuinfo

    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text("processor\t: 0\nmodel name\t: AMD EPYC\nflags\t\t: fpu avx2\n\nprocessor\t: 1\nflags\t: sse2\n")
    assert read_cpuinfo(str(cpuinfo)) == ("AMD EPYC", {"fpu", "avx2"})
    assert read_cpuinfo(str(tmp_path / "missing")) == (None, None)
