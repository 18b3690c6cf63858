"""The grade strip draws each paragraph's band in its grade's colour, and redraws when grades change."""
from __future__ import annotations

from reviewdesk.gui.editor.grade_strip import GradeStrip, grade_colour


def _colour_at(strip: GradeStrip, y: int):
    return strip.grab().toImage().pixelColor(8, y)


def test_bands_show_grade_colours_and_follow_new_grades(qtbot):
    strip = GradeStrip()
    qtbot.addWidget(strip)
    strip.resize(16, 200)
    strip.set_grades([{"start": 0, "end": 50, "grade": 5.0}, {"start": 50, "end": 100, "grade": 16.0}], 9, 100)
    assert _colour_at(strip, 40) == grade_colour(5.0, 9)
    assert _colour_at(strip, 160) == grade_colour(16.0, 9)
    strip.set_grades([{"start": 0, "end": 100, "grade": 11.0}], 9, 100)
    assert _colour_at(strip, 40) == _colour_at(strip, 160) == grade_colour(11.0, 9)
    strip.resize(16, 400)                   # a new size draws the bands again, to the new height
    assert _colour_at(strip, 390) == grade_colour(11.0, 9)
