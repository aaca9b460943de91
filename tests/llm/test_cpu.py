"""/proc/cpuinfo read by one reader: the model name, the flags and the vendor of the first processor."""

from bot.llm import file_pages
from bot.llm.cpu import read_cpuinfo, read_vendor

X86 = (
    "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD EPYC\nflags\t\t: fpu avx2\n\n"
    "processor\t: 1\nvendor_id\t: GenuineIntel\nmodel name\t: Other\nflags\t\t: sse\n"
)
ARM = "processor\t: 0\nBogoMIPS\t: 50.00\nFeatures\t: fp asimd\nCPU implementer\t: 0x41\n"


def test_the_first_processor_s_name_flags_and_vendor(tmp_path):
    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text(X86)
    assert read_cpuinfo(str(cpuinfo)) == ("AMD EPYC", {"fpu", "avx2"})
    assert read_vendor(str(cpuinfo)) == "AuthenticAMD"


def test_arm_features_and_what_the_file_does_not_say(tmp_path):
    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text(ARM)
    assert read_cpuinfo(str(cpuinfo)) == (None, {"fp", "asimd"})
    assert read_vendor(str(cpuinfo)) is None
    assert read_cpuinfo(str(tmp_path / "missing")) == (None, None)
    assert read_vendor(str(tmp_path / "missing")) is None


def test_the_c_library_is_found_once(monkeypatch):
    file_pages._libc.cache_clear()
    calls = []
    real = file_pages.ctypes.util.find_library
    monkeypatch.setattr(file_pages.ctypes.util, "find_library", lambda name: calls.append(name) or real(name))
    assert file_pages._libc() is file_pages._libc()
    assert calls == ["c"]
    file_pages._libc.cache_clear()
