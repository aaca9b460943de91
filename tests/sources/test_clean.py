"""Cleaning pasted text: site furniture out, headline found, cut-off endings noticed."""

from __future__ import annotations

from bot.sources.clean import CUT_OFF_WARNING, clean_pasted_text, seems_cut_off

PASTED = """Council Approves the Harbour Bridge

The city council voted 7 to 2 on Tuesday to build a new bridge over the Elm River.

Share this:
Facebook
Twitter

“We have waited long enough,” said Mayor Ana Ruiz.

Read the full article from the Source…

Leave a Reply

Your email address will not be published. Required fields are marked *
"""


def test_site_furniture_is_removed_and_the_article_kept():
    cleaned = clean_pasted_text(PASTED)
    assert "Share this" not in cleaned.text
    assert "Facebook" not in cleaned.text
    assert "Leave a Reply" not in cleaned.text
    assert "Read the full article" not in cleaned.text
    assert "email address" not in cleaned.text
    assert "voted 7 to 2" in cleaned.text
    assert cleaned.text.endswith("said Mayor Ana Ruiz.")
    assert cleaned.warnings == []


def test_a_leading_headline_becomes_the_title():
    cleaned = clean_pasted_text(PASTED)
    assert cleaned.title == "Council Approves the Harbour Bridge"
    assert not cleaned.text.startswith("Council Approves")


def test_an_ending_that_trails_off_gives_the_cut_off_warning():
    cleaned = clean_pasted_text("First sentence here.\n\nThe mayor said the plan would cost more than In…")
    assert cleaned.warnings == [CUT_OFF_WARNING]
    assert seems_cut_off("The vote was close and the")
    assert not seems_cut_off("The vote was close.")
    assert not seems_cut_off("“It was close,” she said.”")


def test_an_ordinary_sentence_mentioning_comments_or_images_is_kept():
    text = "Images of the crash spread online.\n\nShare prices fell 4 percent after the comments by the chief."
    assert clean_pasted_text(text).text == text


def test_cnn_dateline_and_video_prompts_are_removed():
    cleaned = clean_pasted_text("(CNN)The storm hit at dawn. Scroll down for video The roads closed.")
    assert cleaned.text == "The storm hit at dawn. The roads closed."


def test_whitespace_is_normalised():
    cleaned = clean_pasted_text("One\u00a0two.\r\n\r\n\r\n\r\nThree   four.")
    assert cleaned.text == "One two.\n\nThree four."


def test_lines_wrapped_mid_sentence_are_joined_and_paragraphs_kept():
    cleaned = clean_pasted_text("The council voted to build\nthe bridge on Tuesday.\nIt will open in 2028.\n\nNext.")
    assert cleaned.text == "The council voted to build the bridge on Tuesday.\nIt will open in 2028.\n\nNext."


# -- a headline with no line break after it (Discord sends a slash command's text as one line) ----------
ONE_LINE = (
    "Riverton Isn’t the Answer to the Valley’s Problems With Flooding As the river nears a record height, "
    "some residents have suggested that the town could step in and pay for new levees. In fact, the county "
    "should not look to Riverton for any serious help."
)


def test_a_title_case_headline_run_into_the_first_sentence_becomes_the_title():
    cleaned = clean_pasted_text(ONE_LINE)
    assert cleaned.title == "Riverton Isn’t the Answer to the Valley’s Problems With Flooding"
    assert cleaned.text.startswith("As the river nears a record height, some residents")


def test_the_sentence_after_a_run_in_headline_may_open_with_a_given_name_or_a_dateline():
    named = clean_pasted_text("Ruiz Wins Second Term Ana Ruiz won the mayoral election on Tuesday by a wide margin.")
    assert (named.title, named.text[:12]) == ("Ruiz Wins Second Term", "Ana Ruiz won")
    dated = clean_pasted_text("Council Signs Bridge Deal RIVERTON (Reuters) - The council signed the deal on Friday.")
    assert (dated.title, dated.text[:9]) == ("Council Signs Bridge Deal", "RIVERTON ")


def test_a_first_sentence_that_opens_with_capitalised_words_keeps_them():
    for text in (
        "The White House said on Monday that the president would travel to Ohio next week for a rally.",
        "Former Secretary of State Hillary Clinton said on Monday that she would not run again next year.",
        "Former Vice President Joe Biden said on Monday that he would not run again next year.",
        "WASHINGTON (Reuters) - President Donald Trump signed the spending bill on Friday after weeks of talks.",
        "President Donald Trump And Kim Jong Un met on Tuesday in Singapore for a summit that lasted hours.",
    ):
        cleaned = clean_pasted_text(text)
        assert (cleaned.title, cleaned.text) == (None, text)
