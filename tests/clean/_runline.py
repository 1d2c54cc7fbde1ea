"""A page dump's line that broken markup ran a whole page into (written for the tests)."""

# a page run into one line by broken markup: the site's menu, the headline, byline and date, the article,
# then the sidebar's links and the footer
RUN_MENU = (
    "Home UK Business Audio Weekly News blog Talk Search World America Arts Special reports Podcasts "
    "News guide Help Quiz Search this site Council approves city budget after long debate Jane Smith "
    "Tuesday January 8, 2008 Go to..."
)
RUN_ARTICLE = " ".join(
    [
        "The council approved the budget on Tuesday after a long debate about school funding and roads.",
        "Opposition members said the plan relied on optimistic forecasts of tax revenue next year.",
        "The vote came after six hours of discussion in which almost every member of the council spoke.",
        "Several of them asked for more money for the libraries, which have cut their opening hours twice.",
        "The finance director said that the reserves were lower than at any time in the past ten years.",
        "She told members that the city could not borrow more without raising the rates it pays on its debt.",
        "Parents had gathered outside the hall to ask for the school repairs to go ahead this year.",
        "Their spokesman said the roof of one primary school had been leaking since the autumn.",
        "The council agreed to set aside a small sum for urgent repairs while the wider plan is reviewed.",
        "Officials will report back to the committee in the spring with a list of the schools most in need.",
        "The leader of the opposition said the budget was a missed chance to change the way the city works.",
        "He said his group would try again to move money from the new offices to the schools and the roads.",
        "The mayor replied that the offices would save money in the long run because the old ones cost more.",
        "The budget now goes to the regional authority, which has until the end of March to approve it.",
    ]
)
RUN_FOOTER = (
    "Mayor promises new roads Budget vote delayed again Schools wait for repairs More news Special "
    "report City hall Useful links City council Regional authority Printable version | Send it to a "
    "friend | Privacy policy | Terms & conditions | About this site © Example News 2008"
)
