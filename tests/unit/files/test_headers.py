"""Image headers are read without decoding: the size a PNG or JPEG declares, and where the image ends."""
from __future__ import annotations

import pytest

from elternbeitraege.files.headers import HeaderError, jpeg_end, jpeg_size, png_end, png_size
from tests.files import hostile


def test_the_size_of_a_png_comes_from_its_ihdr_even_when_its_data_would_be_gigabytes():
    assert png_size(hostile.png_bomb(65535, 65535, full=False)) == (65535, 65535)


def test_the_size_of_a_jpeg_comes_from_its_start_of_frame_segment():
    assert jpeg_size(hostile.image("JPEG", (301, 17))) == (301, 17)
    assert jpeg_size(hostile.jpeg_with_size(60000, 60000)) == (60000, 60000)


@pytest.mark.parametrize("options", [{}, {"progressive": True}, {"restart_marker_blocks": 1}],
                         ids=["baseline", "progressive", "restart markers"])
def test_a_jpeg_ends_after_its_end_of_image_marker_whatever_its_scans_hold(options):
    jpeg = hostile.image("JPEG", (200, 120), noise=True, **options)
    assert jpeg_end(jpeg + b"<html>") == len(jpeg)


def test_a_png_ends_after_its_iend_chunk():
    png = hostile.image("PNG")
    assert png_end(png + b"<script>") == len(png)


@pytest.mark.parametrize(("read", "content"), [
    (png_size, b"\x89PNG\r\n\x1a\n"),
    (png_size, hostile.png_bomb(0, 10, full=False)),
    (png_end, hostile.bad_crc_png()),
    (png_end, hostile.image("PNG")[:-12]),
    (jpeg_size, b"\xff\xd8\xff"),
    (jpeg_size, hostile.jpeg_with_size(0, 10)),
    (jpeg_size, b"\xff\xd8\xff\xe0" + hostile.HTML),
    (jpeg_end, hostile.image("JPEG")[:-2]),
], ids=["PNG magic only", "PNG 0 wide", "PNG bad CRC", "PNG without IEND", "JPEG magic only", "JPEG 0 wide",
        "JPEG signature and HTML", "JPEG without EOI"])
def test_a_header_that_is_not_built_as_its_format_requires_is_refused(read, content):
    with pytest.raises(HeaderError):
        read(content)
