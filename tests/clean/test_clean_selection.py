"""Body selection post-rules and headline candidates, on hand-made lines and probabilities."""

from __future__ import annotations

import numpy as np
import pytest
from _runline import RUN_ARTICLE, RUN_FOOTER, RUN_MENU
from hypothesis import given, settings
from hypothesis import strategies as st

from newsledger.clean import meta, rules
from newsledger.clean.body import Selection, _keep_once, body_parts, select_body
from newsledger.clean.features import line_features, page_info, string_columns
from newsledger.clean.meta import is_byline, title_candidates
from newsledger.clean.segment import segment

PROSE = [
    "The council approved the budget on Tuesday after a long debate about school funding and roads.",
    "Opposition members said the plan relied on optimistic forecasts of tax revenue next year.",
    "The mayor said the city would publish a detailed breakdown of the spending next month.",
    "Residents can comment on the plan at a public meeting scheduled for early next month.",
]


def _between_prose(line: str) -> Selection:
    """What the post-rules make of ``line`` between two prose lines, all three likely body."""
    seg = segment("\n".join([PROSE[0], line, PROSE[1]]))
    return select_body(seg, np.array([0.9, 0.9, 0.9]), 0.5, inner_repeats=True)


def _left_out_between_prose(line: str) -> bool:
    """Whether the post-rules leave ``line`` out between two prose lines, all three likely body, as page
    furniture (among the dropped lines); it is body exactly when it is not left out."""
    sel = _between_prose(line)
    left_out = 1 in sel.dropped_repeats
    assert (1 in sel.body) is not left_out
    return left_out


@pytest.mark.parametrize(
    ("p_gap", "filled"),
    [(rules.GAP_FILL_P, True), (rules.GAP_FILL_P + 0.05, True), (rules.GAP_FILL_P - 0.05, False)],
)
def test_single_line_gap_between_body_lines_is_filled_when_fairly_likely(p_gap: float, filled: bool) -> None:
    lines = [PROSE[0], "Spending by department", PROSE[1], PROSE[2]]
    seg = segment("\n".join(lines))
    p = np.array([0.9, p_gap, 0.9, 0.9])
    sel = select_body(seg, p, 0.5, inner_repeats=True)
    assert (1 in sel.body) is filled
    assert [i for i in sel.body if i != 1] == [0, 2, 3]


@pytest.mark.parametrize(("gap", "filled"), [("Spending by department", True), ("Open in App", False)])
def test_a_few_words_of_page_furniture_do_not_fill_a_gap(gap: str, filled: bool) -> None:
    lines = [PROSE[0], gap, PROSE[1], PROSE[2]]
    text = "\n".join(lines)
    seg = segment(text)
    feats = line_features(seg, page_info(text))
    sel = select_body(seg, np.array([0.9, 0.45, 0.9, 0.9]), 0.5, inner_repeats=True, columns=feats.columns)
    assert (1 in sel.body) is filled


def test_two_line_gap_is_not_filled() -> None:
    lines = [PROSE[0], "Share", "Tweet", PROSE[1]]
    seg = segment("\n".join(lines))
    sel = select_body(seg, np.array([0.9, 0.45, 0.45, 0.9]), 0.5, inner_repeats=True)
    assert sel.body == [0, 3]


@pytest.mark.parametrize(("copies", "taken"), [(30, True), (3, False)])
def test_prose_line_holding_most_of_the_page_is_body(copies: int, taken: bool) -> None:
    # a table layout run into one line: menu cells, then the article (rules.GIANT_LINE_SHARE)
    giant = "Home     World     Sport     " + " ".join(PROSE * copies)
    lines = ["Home", "World", "Sport", giant, "Copyright 2008 Example Media. All rights reserved."]
    text = "\n".join(lines)
    seg = segment(text)
    feats = line_features(seg, page_info(text))
    p = np.array([0.05, 0.05, 0.05, 0.1, 0.05])
    sel = select_body(seg, p, 0.5, inner_repeats=True, columns=feats.columns)
    assert sel.body == ([3] if taken else [])
    assert select_body(seg, p, 0.5, inner_repeats=True).body == []


@pytest.mark.parametrize(
    ("p_lead", "body"),
    [(0.3, [3]), (0.9 * rules.FALLBACK_MIN_P, [])],
)
def test_a_page_whose_only_likely_line_is_a_byline_takes_its_likeliest_other_text(
    p_lead: float, body: list[int]
) -> None:
    # a blog post: its byline is the only line over the threshold, its one paragraph under it (taken as
    # the fallback takes a page's best guess: when fairly likely, rules.FALLBACK_MIN_P)
    lines = [
        "Home",
        "Gadgets",
        "by the Review Team on October 29th, 2012 · Leave a Comment",
        " ".join(PROSE[:3]),
        "Related posts",
    ]
    seg = segment("\n".join(lines))
    p = np.array([0.02, 0.02, 0.83, p_lead, 0.05])
    sel = select_body(seg, p, 0.5, inner_repeats=True)
    assert sel.body == body
    assert sel.bylines == [2]  # still the page's byline, above the body or alone
    # kept in the body on request, the byline is the body as before
    assert select_body(seg, p, 0.5, keep=frozenset({"byline"}), inner_repeats=True).body == [2]


def test_cjk_paragraph_is_not_a_headline_candidate() -> None:
    # regression: ``\w+`` makes a whole Chinese clause one "word", so the lead paragraph counted as a
    # few words and was taken for the headline (and dropped from the body)
    headline = "武广高铁广州长沙站客流高峰将取消刷身份证"
    lead = (
        "南方日报讯广铁集团日前公布，为加强实名制验证，确保客流高峰期旅客的出行安全和乘车秩序良好，"
        "武广高铁广州南站将在春运期间取消刷身份证进站。"
    )
    stamp = "2012-01-16 14:55:58 来源： 南方日报"
    lines = ["首页", "新闻", headline, stamp, lead, lead[5:] + "旅客进站时需核对。"]
    text = "\n".join(lines)
    seg = segment(text)
    feats = line_features(seg, page_info(text))
    p = np.array([0.05, 0.05, 0.3, 0.1, 0.95, 0.95])
    idx, _, _ = title_candidates(seg.lines, feats.columns, p, [4, 5], set())
    assert 2 in idx
    assert 4 not in idx


@pytest.mark.parametrize("end", ["!", "?", "."])
def test_long_sentence_is_not_a_headline_candidate_however_it_ends(end: str) -> None:
    # regression: a 25-word lead ending in "!" was taken for the headline (and left the body); a short
    # headline ending so stays a candidate
    headline = "Black Panther leaves hospital" + end
    lead = (
        "The news about the health of the great striker is good because according to his doctors he is "
        "expected to leave the hospital before the end of the year" + end
    )
    lines = ["Home", headline, "Monday, 26 Dec 2011 19:05", lead, PROSE[0], PROSE[1]]
    text = "\n".join(lines)
    seg = segment(text)
    feats = line_features(seg, page_info(text))
    p = np.array([0.05, 0.2, 0.1, 0.95, 0.95, 0.95])
    idx, _, _ = title_candidates(seg.lines, feats.columns, p, [3, 4, 5], set())
    assert 1 in idx
    assert 3 not in idx


def _candidates(lines: list[str], p: list[float], body: list[int]) -> list[str]:
    text = "\n".join(lines)
    seg = segment(text)
    feats = line_features(seg, page_info(text))
    idx, cuts, _ = title_candidates(seg.lines, feats.columns, np.array(p), body, set(), feats.stop)
    return [seg.lines[i][a:b] for i, (a, b) in zip(idx, cuts, strict=True)]


def test_a_padded_lines_cells_are_headline_candidates_each() -> None:
    # a page rendered from tables pads its cells: the section name and the headline share a line (once
    # over 250 characters with its padding, the line was no candidate at all)
    row = "Football" + " " * 38 + "Dowling set for absence" + " " * 200
    lines = ["Home", row.strip(), PROSE[0], PROSE[1], PROSE[2]]
    cands = _candidates(lines, [0.05, 0.1, 0.95, 0.95, 0.95], [2, 3, 4])
    assert "Dowling set for absence" in cands
    assert not any("    " in c for c in cands)
    # an unpadded line stays one candidate, spaces and all
    lines[1] = "Dowling set   for absence"
    assert "Dowling set   for absence" in _candidates(lines, [0.05, 0.1, 0.95, 0.95, 0.95], [2, 3, 4])


@pytest.mark.parametrize(
    ("line", "candidate"),
    [
        ("2. Ten-year-old gunshot victim unaware he is paralysed", False),  # a most-read list's item
        ("Homepage > Local News >", False),  # a breadcrumb
        ("Go to The Quad Blog »", False),  # a navigation link
        ("Forgot your username or password? |", False),
        ("WEB18-Facebook-1160x768.jpg", False),  # a file name
        ("[What you need to know to start the day]", False),  # a bracketed aside
        ("Topics: uber, libertarians, Sydney, sharing economy", False),  # a label
        ("Washington Post Staff Writer", False),  # a writer's role
        ("John Raoux/Associated Press", False),  # a photo credit
        ("Lord Condon (Pic:PA)", False),
        ("The Associated Press", False),  # an agency alone
        ("Top cop Condon: We could have saved Diana", True),
        ("1 NATO soldier killed in bomb attack", True),  # a number, not a list item
        ("Reporter freed after ten days in custody", True),  # a role word, not at the end
        ("Népal : «Plus les heures passent, moins on est utiles»", True),  # a quotation, not an arrow
    ],
)
def test_list_items_links_files_labels_and_credits_are_not_headlines(line: str, candidate: bool) -> None:
    lines = ["Home", line, PROSE[0], PROSE[1], PROSE[2]]
    assert (line in _candidates(lines, [0.05, 0.1, 0.95, 0.95, 0.95], [2, 3, 4])) is candidate


def test_a_headline_far_above_the_lead_is_a_candidate() -> None:
    # a headline with a toolbar, a list of teasers and a photo credit between it and the lead: 27 lines
    teasers = [f"Council votes on plan number {k} for the harbour" for k in range(23)]
    lines = ["Dowling set for absence", "Share this", *teasers, "Photo: City Hall", PROSE[0], PROSE[1]]
    first = len(lines) - 2
    p = [0.1] * first + [0.95, 0.95]
    assert "Dowling set for absence" in _candidates(lines, p, [first, first + 1])


def test_a_candidate_right_above_a_byline_or_date_stamp_is_marked() -> None:
    # a headline sits right above its byline and date stamp (rules.TITLE_META_BELOW lines); a section name
    # further up does not
    lines = ["World News", "Top Stories", "Most Read", "Harbour plan wins council vote", "By Jane Doe"]
    lines += ["March 25, 2024", *PROSE[:3]]
    text = "\n".join(lines)
    seg = segment(text)
    feats = line_features(seg, page_info(text))
    p = np.array([0.05, 0.05, 0.05, 0.2, 0.1, 0.1, 0.95, 0.95, 0.95])
    idx, _, X = title_candidates(seg.lines, feats.columns, p, [6, 7, 8], set())
    marked = dict(zip(idx, X[:, meta.TITLE_FEATURES.index("meta_below")].tolist(), strict=True))
    assert marked[3] == 1.0
    assert marked[0] == 0.0  # the byline is four lines below it


def test_a_cells_features_are_its_own() -> None:
    # the cell's keywords and case, not its line's: "Home" (a menu keyword) stays with its own cell
    text = "\n".join(["Home" + " " * 20 + "Dowling set for absence", PROSE[0], PROSE[1]])
    seg = segment(text)
    feats = line_features(seg, page_info(text))
    idx, cuts, X = title_candidates(seg.lines, feats.columns, np.array([0.1, 0.9, 0.9]), [1, 2], set())
    names = list(meta.TITLE_FEATURES)
    k = [seg.lines[i][a:b] for i, (a, b) in zip(idx, cuts, strict=True)].index("Dowling set for absence")
    assert X[k, names.index("cell")] == 1.0
    assert X[k, names.index("kw_nav")] == 0.0
    assert feats.columns["kw_nav"][0] == 1.0
    assert X[k, names.index("log_words")] == pytest.approx(np.log1p(4))


def test_string_columns_agree_with_the_line_features() -> None:
    strings = ["Dowling set for absence", "HOME", "Read more about it", PROSE[0], "Share this 2 times"]
    text = "\n".join(strings)
    feats = line_features(segment(text), page_info(text))
    own = string_columns(strings, feats.stop)
    for name, col in own.items():
        np.testing.assert_allclose(col, feats.columns[name], err_msg=name)


@pytest.mark.parametrize(
    ("line", "notice"),
    [
        ("Please enable JavaScript to view the comments powered by Disqus.", True),
        ("This site requires that JavaScript be enabled and the Flash plug-in be installed.", True),
        ("We detected you need to update your Flash Player to version 8 or greater.", True),
        ("Your browser does not support iframes.", True),
        ("Blanket.js is an easy to install JavaScript code coverage library that works in browsers.", False),
        ("Download this audio or install Adobe Flash Player to use our player.", False),
        ("The company said its browser would block third-party cookies by default from next year.", False),
    ],
)
def test_browser_notices_leave_the_body(line: str, notice: bool) -> None:
    assert _left_out_between_prose(line) is notice


def test_lines_below_a_comment_head_after_the_article_are_not_body() -> None:
    share = ["Share", "Tweet", "Email", "Print", "Related", "Most read", "Newsletter"]
    comment = "Great article, thanks for writing about the budget and the roads."
    lines = [*PROSE, *share, "3 Comments", comment]
    seg = segment("\n".join(lines))
    feats = line_features(seg, page_info(seg.text))
    p = np.array([0.9] * 4 + [0.1] * 8 + [0.8])
    sel = select_body(seg, p, 0.5, inner_repeats=True, comment=feats.columns["comment"])
    assert sel.body == [0, 1, 2, 3]
    assert sel.comments == [12]
    # without the comment column the comment stays (the HTML path)
    assert select_body(seg, p, 0.5, inner_repeats=True).body == [0, 1, 2, 3, 12]


@pytest.mark.parametrize(
    ("head", "cut"),
    [
        ("12 Comments", True),
        ("3 Responses to “Budget day”", True),
        ("3 comments in yesterday's post!", False),
    ],
)
def test_a_sentence_opening_with_a_count_does_not_end_the_article(head: str, cut: bool) -> None:
    # a count ends the article's main run, and the comments from it on leave the body; a sentence that
    # opens with a count is the article's own text (the comment column marks both lines as heads)
    lines = [*PROSE[:3], head, "Jane says:", PROSE[3]]
    seg = segment("\n".join(lines))
    comment = np.array([0.0, 0.0, 0.0, 1.0, 1.0, 0.0])
    sel = select_body(seg, np.full(6, 0.9), 0.5, inner_repeats=True, comment=comment)
    assert sel.body == ([0, 1, 2] if cut else [0, 1, 2, 3, 4, 5])


COMMENTS = [
    "Great piece, thanks for writing about the budget and the roads in such detail this week.",
    "I went to the last public meeting and nobody from the council answered a single question.",
    "The forecasts look optimistic to me as well, but the school funding is long overdue.",
]


@pytest.mark.parametrize(
    ("count", "post_lines", "cut"),
    [
        ("{ 18 comments… read them below or add one }", 6, True),
        ("(3 Comments)", 6, True),
        ("12 Responses", 6, True),
        # too little body above it: a count in the post's head ("By Jane Doe | 3 comments")
        ("{ 18 comments… read them below or add one }", 2, False),
        ("3 comments in yesterday's post! Allow me to answer each:", 6, False),
    ],
)
def test_an_unkept_comment_count_below_the_post_ends_the_body(count: str, post_lines: int, cut: bool) -> None:
    # a blog theme prints the count between the post and its comments, and no "says:" heads: the classifier
    # takes the comments (prose) and leaves the count line out; the count still ends the article
    post = [*PROSE, *PROSE[:2]][:post_lines]
    lines = [*post, count, *COMMENTS]
    seg = segment("\n".join(lines))
    n = len(lines)
    p = np.array([0.9] * post_lines + [0.1] + [0.9] * len(COMMENTS))
    sel = select_body(seg, p, 0.5, inner_repeats=True, comment=np.zeros(n))
    comments = list(range(post_lines + 1, n))
    assert sel.body == (list(range(post_lines)) if cut else list(range(post_lines)) + comments)
    assert sel.comments == (comments if cut else [])
    assert sel.comments_from == (post_lines if cut else None)


@pytest.mark.parametrize(
    ("closed", "post_lines", "p_closed", "cut"),
    [
        ("Comments are now closed for this story", 6, 0.8, True),
        ("Comments are now closed for this story", 6, 0.1, True),
        ("Comments Closed", 6, 0.1, True),
        ("Commenting is turned off for this blog.", 6, 0.8, True),
        ("Comments are closed.", 6, 0.8, True),
        # too little body above it: a notice in the post's head
        ("Comments are closed.", 2, 0.8, False),
        # a sentence about comments being closed is the article's own text
        ("The comments are closed by the editor when a thread turns abusive, she said.", 6, 0.8, False),
        ("Comments are open until Friday.", 6, 0.8, False),
    ],
)
def test_comments_closed_below_the_post_ends_the_body(
    closed: str, post_lines: int, p_closed: float, cut: bool
) -> None:
    # "Comments are now closed for this story" between the article and its comments (prose, no "says:"
    # heads), taken as body or not: the comments below it are not the article
    post = [*PROSE, *PROSE[:2]][:post_lines]
    lines = [*post, closed, *COMMENTS]
    seg = segment("\n".join(lines))
    n = len(lines)
    p = np.array([0.9] * post_lines + [p_closed] + [0.9] * len(COMMENTS))
    sel = select_body(seg, p, 0.5, inner_repeats=True, comment=np.zeros(n))
    below = list(range(post_lines + 1, n))
    if cut:
        assert sel.body == list(range(post_lines))
        assert sel.comments_from == post_lines
        assert sel.comments == ([post_lines] if p_closed > 0.5 else []) + below
    else:
        assert sel.comments == []
        assert set(below) <= set(sel.body)


@pytest.mark.parametrize(
    ("line", "rights"),
    [
        (
            "Copyright 2008 The Associated Press. All rights reserved. This material may not be published, "
            "broadcast, rewritten or redistributed.",
            True,
        ),
        ("© 2024 Example News Ltd", True),
        ("(c) 2012 Scripps Media, Inc.", True),
        ("All Content is Copyright © 2008 WorldSoccerNews.com and AFP. All rights reserved.", True),
        ("Copyright law lets authors control copies of their work for decades after their death.", False),
        ("The court ruled that the company had not infringed the copyright in the photographs.", False),
        # a paragraph that ends on the words is the article's own text
        (" ".join(PROSE) + " All rights reserved, the mayor added.", False),
    ],
)
def test_rights_notices_leave_the_body(line: str, rights: bool) -> None:
    assert _left_out_between_prose(line) is rights


@pytest.mark.parametrize(
    ("line", "byline"),
    [
        ("By John Smith", True),
        ("by randfish on November 13, 2010", True),
        ("By the Associated Press", True),
        ("Posted by admin.", True),
        ("By law, children's clothes must be given a flame-retardant finish.", False),
        ("From now on, it's just you, your site, and the theme.", False),
        ("FROM unnest(array[2, 3, 5]) AS n;", False),
        ("By 2022, the law calls for 36 billion gallons of ethanol a year.", False),
    ],
)
def test_sentence_starting_with_by_or_from_is_not_a_byline(line: str, byline: bool) -> None:
    assert is_byline(line) is byline


def test_a_posts_meta_line_is_not_a_comment_head() -> None:
    # regression (dev page): a list of teasers outweighed the post, and the post's own meta line ("Leave a
    # Comment Written by ...") below them cut the whole post as comments
    teasers = [*PROSE, PROSE[0].upper(), PROSE[1].upper()]
    menu = ["Home", "News", "Sports", "Weather", "Opinion", "Video", "Contact"]
    post = ["2012 Leave a Comment Written by James Hollis", "Halloween safety rules.", "Be safe."]
    seg = segment("\n".join([*teasers, *menu, *post]))
    feats = line_features(seg, page_info(seg.text))
    assert feats.columns["comment"][13] == 1.0
    p = np.array([0.9] * 6 + [0.1] * 8 + [0.9, 0.9])
    sel = select_body(seg, p, 0.5, inner_repeats=True, comment=feats.columns["comment"])
    assert sel.comments == []
    assert sel.body[-2:] == [14, 15]


@pytest.mark.parametrize(
    ("line", "caption"),
    [
        (
            "Brandon Roy celebrates with injured teammate Greg Oden (L) after the win.",
            True,
        ),
        (
            "British Columbia Premier Gordon Campbell (left) is greeted by Prime Minister Stephen Harper.",
            True,
        ),
        (
            "Stephen Ames, left, and Mike Weir check the distance on the first tee during the third round.",
            True,
        ),
        (
            "Al Gore thanking the audience. His co-winner, Rajendra Pachauri, second from left, also spoke.",
            True,
        ),
        (
            "Singer Amy Winehouse arrives at the MTV Movie Awards, in this June 3, 2007, file photo.",
            True,
        ),
        # a copyright or trademark sign, an enumeration, a direction in prose: no caption
        (
            "The LucasArts logo is a trademark of Lucasfilm Ltd. (C) 2008 Lucasfilm Entertainment.",
            False,
        ),
        ("The responsible party shall notify processing referred to under (c) to the Commission.", False),
        ("Turn left, then right, and the station is on the corner of the second street.", False),
        ("Magellan RoadMate(R) Line Expands with Five New Solutions", False),
        ("1. Rajai Davis (R) LF         1. Sam Fuld (L) LF", False),  # a line-up: batting hands
    ],
)
def test_an_uncredited_news_photo_caption_leaves_the_body(line: str, caption: bool) -> None:
    assert meta.is_caption(line) is caption
    sel = _between_prose(line)
    assert (1 in sel.captions) is caption
    assert (1 in sel.body) is not caption


@pytest.mark.parametrize(
    ("line", "label"),
    [
        ("Tagi: złoty, sylwester, włoskie obligacje", True),
        ("Przeczytaj więcej o: agencja, pobicie, rolnictwo", True),
        ("Читайте также: Медведев встретился с представителями партий", True),
        ("Πηγή: Web Only", True),
        ("责任编辑：武丹", True),
        ("相关新闻：", True),
        ("Main article: Firefox OS", True),
        ("Main articles: Government of New Zealand and Politics of New Zealand", True),
        ("The main article of the treaty: a ban on testing in the atmosphere.", False),
    ],
)
def test_labels_in_other_languages_leave_the_body(line: str, label: bool) -> None:
    assert _left_out_between_prose(line) is label


def test_label_run_into_a_paragraph_stays_body() -> None:
    long_line = "Filed under: Latest News " + " ".join(PROSE)
    lines = [PROSE[0], "Tags: budget, council", long_line]
    seg = segment("\n".join(lines))
    sel = select_body(seg, np.array([0.9, 0.9, 0.9]), 0.5, inner_repeats=True)
    assert sel.body == [0, 2]
    assert sel.dropped_repeats == [1]


_REPEATS = [
    *PROSE, "Share this", "SHARE  this", "share this", "Read more", "漢字 の 記事", "漢字 の  記事",
    "One two",
]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(
    picks=st.lists(st.sampled_from(_REPEATS), min_size=1, max_size=14),
    probs=st.lists(st.floats(0.0, 1.0), min_size=14, max_size=14),
)
def test_keep_once_with_word_counts_keeps_what_the_keys_keep(picks: list[str], probs: list[float]) -> None:
    """Keep-once reads the keys of only the lines whose word count another line shares: the same lines
    stay as when every line's key is read."""
    text = "\n".join(picks)
    seg = segment(text)
    feats = line_features(seg, page_info(text))
    chosen = list(range(len(seg)))
    pl = probs[: len(seg)]
    assert _keep_once(chosen, seg.lines, pl, feats.columns) == _keep_once(chosen, seg.lines, pl, None)


def test_a_table_rows_furniture_cells_leave_the_body_line() -> None:
    para = PROSE[0]
    row = "Home" + " " * 6 + "Print this story" + " " * 9 + para + " " * 5 + "Jan 5, 2008"
    assert [row[a:b] for a, b in body_parts(row)] == [para]
    # two paragraphs of one row both stay, in order
    two = para + " " * 8 + PROSE[1]
    assert [two[a:b] for a, b in body_parts(two)] == [PROSE[0], PROSE[1]]
    # a row of short cells only, or a line without padding, stays whole
    short = "Monday" + " " * 5 + "Council approves new budget"
    assert body_parts(short) == [(0, len(short))]
    assert body_parts(para) == [(0, len(para))]


def test_a_chinese_cell_counts_its_characters_as_words() -> None:
    # one whitespace token, 51 Han characters: a paragraph, not a menu item
    lead = (
        "广铁集团日前公布为加强实名制验证确保客流高峰期旅客的出行安全和乘车秩序良好"
        "武广高铁广州南站将在春运期间"
    )
    row = "首页" + " " * 6 + lead
    assert [row[a:b] for a, b in body_parts(row)] == [lead]


def test_a_page_run_into_one_line_keeps_its_prose_run() -> None:
    line = f"{RUN_MENU} {RUN_ARTICLE} {RUN_FOOTER}"
    assert len(line.split()) >= rules.LONG_LINE_MIN_WORDS
    assert [line[a:b] for a, b in body_parts(line)] == [RUN_ARTICLE]


def test_a_long_paragraph_stays_whole() -> None:
    # one sentence of over LONG_LINE_SENTENCE_WORDS words, in sentence case: prose, however long
    long_sentence = (
        "The plan, which was drawn up over the summer by a small group of officials and members from "
        "all three parties, sets out how the city will pay for its schools, its roads, its libraries and "
        "its parks over the next five years, and how it will find the money that the regional authority "
        "has said it will no longer give to cities of its size."
    )
    assert len(long_sentence.split()) > rules.LONG_LINE_SENTENCE_WORDS
    para = f"{RUN_ARTICLE} {long_sentence}"
    assert len(para.split()) >= rules.LONG_LINE_MIN_WORDS
    assert body_parts(para) == [(0, len(para))]
    # and a line just under the length is never cut
    short = f"{RUN_MENU} {' '.join(PROSE)}"
    assert len(short.split()) < rules.LONG_LINE_MIN_WORDS
    assert body_parts(short) == [(0, len(short))]


CREDIT_LINES = [
    "Photo: Jane Doe",
    "Photograph by: John Smith",
    "IMAGE: Getty",
    "Credits by: AFP",
    "Hundreds marched through the capital on Sunday. (AP Photo/Lee Jin-man)",
    "The minister arrives in Hanoi (Reuters)",
    "Crowds gather outside the stadium  (photo: city hall)  ",
    "Fans cheer the team, via Getty Images, on Friday",
    "Police officers stand guard in this file photo taken in 2019.",
    "Firefighters at the scene in a file picture",
    "a reuters photo of the crash site",
    "İMAGE: a page whose capital İ lower-cases to two characters",
    "Photos: the day in pictures",
]


@pytest.mark.parametrize("line", CREDIT_LINES)
def test_the_credit_prefilter_passes_every_credit(line: str) -> None:
    """meta._may_be_credit is a necessary condition of rules.CAPTION_RE: is_caption may skip the pattern
    only where it cannot match."""
    assert rules.CAPTION_RE.search(line) is not None
    assert meta._may_be_credit(line, line.lower())


@pytest.mark.parametrize(
    "line",
    [
        "The analysts said they expect losses to the creditor banks to be small.",
        "NEW YORK, March 3 (Reuters) - BankAmerica Corp said it would restructure its debt.",
        "The report painted a bleak picture for the economy, economists said.",
    ],
)
def test_the_credit_prefilter_skips_prose(line: str) -> None:
    assert not meta._may_be_credit(line, line.lower())
    assert rules.CAPTION_RE.search(line) is None


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                [
                    "photo",
                    "Photo",
                    "PHOTO",
                    "image",
                    "İmage",
                    "ımage",
                    "picture",
                    "credit",
                    "Credit",
                    "getty",
                    "Getty Images",
                    "via getty",
                    "file",
                    "AP",
                    "afp",
                    "Reuters",
                    "reuters",
                    "(",
                    ")",
                    ":",
                    "/",
                    " ",
                    "  ",
                    "by",
                    "s",
                    "graph",
                    "ians",
                    "EFE",
                    "x",
                    "\t",
                ]
            ),
            st.text(max_size=6),
        ),
        max_size=14,
    )
)
def test_the_credit_prefilter_is_a_necessary_condition(parts: list[str]) -> None:
    line = "".join(parts)
    if rules.CAPTION_RE.search(line) is not None:
        assert meta._may_be_credit(line, line.lower()), line
