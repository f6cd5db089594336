//! Deciding between candidate articles. The strict run's choice hinges on one score, and on a
//! page it has never seen that score can crown a cookie notice, an author's bio or a service
//! box. So a choice that looks wrong is held against a second candidate (the relaxed run:
//! nothing stripped for its name, no name weights), and the page's own claims about its
//! article (its description, its JSON-LD body) and the language of page furniture decide.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

/// Phrases of page furniture: cookie and privacy notices, legal lines, subscription and
/// account prompts, customer service, market-data disclaimers; in the languages of the pages
/// folio meets most (English, German, French, Spanish, Chinese). Matched without ASCII case.
const FURNITURE: &[&str] = &[
    "cookie",
    "privacy policy",
    "privacy statement",
    "terms of use",
    "terms of service",
    "terms and conditions",
    "all rights reserved",
    "customer service",
    "customer support",
    "contact us",
    "subscribe",
    "subscription",
    "newsletter",
    "sign up",
    "sign in",
    "log in",
    "your account",
    "disclaimer",
    "market data",
    "delayed by",
    "datenschutz",
    "impressum",
    "nutzungsbedingungen",
    "abonnieren",
    "kundenservice",
    "anmelden",
    "politique de confidentialité",
    "mentions légales",
    "abonnez",
    "política de privacidad",
    "aviso legal",
    "suscríbete",
    "隐私",
    "免责声明",
    "版权所有",
    "客服",
    "用户协议",
    "登录",
    "注册",
    "订阅",
];

/// One candidate's evidence.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Evidence {
    /// Weight of its text (a CJK character counts two).
    pub weight: u32,
    /// Weight of its prose: paragraphs that hold a sentence and few links.
    pub prose: u32,
    /// Share of its text inside links.
    pub link_density: f32,
    /// Share of the page's description found in it, when the page has one long enough.
    pub description: Option<f32>,
    /// Mostly the language of page furniture.
    pub furniture: bool,
    /// Inside an `<aside>`, `<nav>` or `<footer>`.
    pub aside: bool,
    /// Weight of the text between the headline and the candidate, when it follows one.
    pub after_headline: Option<u32>,
}

/// Weight under which a candidate is too short to be trusted alone (an article of a few
/// sentences, or a block that is not the article).
pub(crate) const TRUST_FROM: u32 = 2000;

/// Under this weight the strict run has found next to nothing, and any longer candidate is
/// better (about 100 Chinese characters or 200 letters).
pub(crate) const NOTHING_BELOW: u32 = 200;

/// Whether a fallback of `weight` stands in for a choice of `found` that holds next to
/// nothing: it holds more than a line, and twice as much.
pub(crate) fn stands_in(weight: u32, found: u32) -> bool {
    weight >= NOTHING_BELOW && weight > found * 2
}

/// Text between a headline and the block after it that still leaves them together (a byline,
/// a date line, a share bar, a caption).
const HEADLINE_NEAR: u32 = 200;

/// The furniture phrases, searched in a candidate's text.
pub(crate) struct Furniture(AhoCorasick);

impl Furniture {
    pub fn new() -> Result<Self, aho_corasick::BuildError> {
        AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostFirst)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(FURNITURE)
            .map(Furniture)
    }

    /// Whether `text` of `weight` reads as page furniture: at least two furniture phrases,
    /// and one in every 250 weight of text or less (an article that mentions a cookie once
    /// is still an article).
    pub fn is_furniture(&self, text: &str, weight: u32) -> bool {
        let hits = self.0.find_iter(text).count() as u32;
        hits >= 2 && hits * 250 >= weight
    }
}

/// Share of the page's description under which a candidate is not what the description
/// speaks of: a description repeats or sums up its article, and even a summary in other
/// words shares a few of its word pairs.
const DESCRIBED_FROM: f32 = 0.2;

/// Whether the first candidate needs a second opinion: it is short, reads as furniture, or
/// holds little of the page's description.
pub(crate) fn doubtful(weight: u32, furniture: bool, description: Option<f32>) -> bool {
    weight < TRUST_FROM || furniture || described_elsewhere(description)
}

/// Whether the page's description speaks of something other than a candidate.
pub(crate) fn described_elsewhere(description: Option<f32>) -> bool {
    description.is_some_and(|d| d < DESCRIBED_FROM)
}

/// Whether the first is not what the page's description speaks of and the second is, with an
/// article's worth of prose (a standfirst alone is not enough), however long the first.
/// A first that starts within a screen of the headline is the article's start, the
/// description a summary in other words of it; unless it is short and the second starts
/// above it: then the first is what follows a short post (a comment), and the second need
/// only be half as long. A first of next to nothing gives way to any longer second (verse,
/// a list of lines without a sentence, against an appeal for donations).
pub(crate) fn better_described(first: &Evidence, second: &Evidence) -> bool {
    let short_post_above = first.prose < TRUST_FROM / 2
        && second
            .after_headline
            .zip(first.after_headline)
            .is_some_and(|(second, first)| second < first);
    let under_headline =
        first.after_headline.is_some_and(|d| d < TRUST_FROM / 2) && !short_post_above;
    let long_enough = second.prose >= TRUST_FROM / 2
        || short_post_above && second.prose * 2 >= first.prose
        || first.weight < NOTHING_BELOW && second.weight > first.weight;
    match (first.description, second.description) {
        (Some(a), Some(b)) => {
            described_elsewhere(Some(a)) && b >= a + 0.3 && long_enough && !under_headline
        }
        _ => false,
    }
}

/// Text between the headline and a choice beyond which the choice is not where the story
/// starts (half a screen of text, more than a byline, a caption and a share bar).
const FAR_BELOW: u32 = 1_000;

/// Whether a choice `distance` below the headline starts too far down to be all the story.
pub(crate) fn far_from_headline(distance: u32) -> bool {
    distance >= FAR_BELOW
}

/// Whether `second`, starting right under the headline with prose, begins the story that
/// `first`, far below it, carries on (or follows): its description does not speak against it,
/// and it is neither links nor furniture.
pub(crate) fn starts_the_story(first: &Evidence, second: &Evidence) -> bool {
    let close = second.after_headline.is_some_and(|d| d < HEADLINE_NEAR);
    let against =
        matches!((first.description, second.description), (Some(a), Some(b)) if a >= b + 0.3);
    close
        && !against
        && second.prose >= NOTHING_BELOW
        && second.link_density < 0.3
        && !second.furniture
}

/// Whether `second` should replace `first`.
pub(crate) fn prefer_second(first: &Evidence, second: &Evidence) -> bool {
    match (first.furniture, second.furniture) {
        // Prose, however short, over a notice.
        (true, false) => return second.weight >= NOTHING_BELOW || second.weight > first.weight,
        (false, true) => return false,
        _ => {}
    }
    if better_described(first, second) {
        return true;
    }
    if second.weight == 0 || second.weight <= first.weight / 2 {
        return false;
    }
    if first.weight < NOTHING_BELOW {
        // Next to nothing: anything longer, but an author's box or a sidebar beside a first
        // that the page's description speaks of.
        let described_first = matches!(
            (first.description, second.description),
            (Some(a), Some(b)) if a >= b + 0.4
        );
        let beside = second.aside && !first.aside;
        return second.weight > first.weight && !(described_first && beside);
    }
    if second.link_density > 0.5 || second.aside && !first.aside {
        return false;
    }
    // The page's description, when the candidates differ on it, tells where the article is,
    // unless the second is many times longer (the description repeats a lede set apart).
    if let (Some(a), Some(b)) = (first.description, second.description) {
        if b >= a + 0.4 && second.weight >= first.weight {
            return true;
        }
        if a >= b + 0.4 && second.weight < first.weight * 4 {
            return false;
        }
    }
    // The article starts under its headline (past a byline, a date, a share bar): a first
    // choice there that holds some prose is not given up for a longer block further away.
    let close = |e: &Evidence| e.after_headline.is_some_and(|d| d < HEADLINE_NEAR);
    if close(first) && !close(second) && first.prose >= NOTHING_BELOW {
        return false;
    }
    // Much more prose: lines without sentences (tickers, feeds, menus) do not count.
    second.weight >= first.weight * 2 && second.prose >= first.prose * 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn evidence(weight: u32, description: Option<f32>, furniture: bool) -> Evidence {
        Evidence {
            weight,
            prose: weight,
            link_density: 0.0,
            description,
            furniture,
            aside: false,
            after_headline: None,
        }
    }

    #[test]
    fn furniture_is_told_by_the_density_of_its_phrases() {
        let furniture = Furniture::new().unwrap();
        let notice = "We use cookies to improve your experience. By continuing you accept our Privacy Policy and Terms of Use.";
        assert!(furniture.is_furniture(notice, notice.len() as u32));
        let article = format!(
            "{} The bakery also sells cookies.",
            "The harbour reopened after the storm, and the ferries ran again by noon. ".repeat(8)
        );
        assert!(!furniture.is_furniture(&article, article.len() as u32));
        let zh = "本网站使用cookie。请阅读隐私政策和用户协议，登录后订阅。";
        assert!(furniture.is_furniture(zh, 60));
    }

    #[test]
    fn a_much_longer_second_candidate_wins_unless_the_description_says_otherwise() {
        let short = evidence(600, None, false);
        assert!(prefer_second(&short, &evidence(1500, None, false)));
        assert!(!prefer_second(&short, &evidence(700, None, false)));
        let described = evidence(600, Some(0.9), false);
        assert!(!prefer_second(
            &described,
            &evidence(1500, Some(0.1), false)
        ));
        assert!(prefer_second(
            &evidence(600, Some(0.0), false),
            &evidence(650, Some(0.8), false)
        ));
    }

    #[test]
    fn the_description_outweighs_length_unless_the_first_starts_under_the_headline() {
        let elsewhere = evidence(6000, Some(0.1), false);
        assert!(doubtful(6000, false, Some(0.1)) && !doubtful(6000, false, Some(0.5)));
        let described = evidence(1500, Some(0.9), false);
        assert!(better_described(&elsewhere, &described));
        assert!(prefer_second(&elsewhere, &described));
        // A standfirst alone is not the article.
        assert!(!better_described(
            &elsewhere,
            &evidence(600, Some(1.0), false)
        ));
        let under_headline = Evidence {
            after_headline: Some(300),
            ..elsewhere
        };
        assert!(!better_described(&under_headline, &described));
        assert!(!better_described(&evidence(6000, None, false), &described));
    }

    #[test]
    fn next_to_nothing_gives_way_to_any_longer_block_the_description_speaks_of() {
        let appeal = evidence(165, Some(0.0), false);
        let mut verse = evidence(618, Some(1.0), false);
        verse.prose = 0;
        assert!(better_described(&appeal, &verse));
        assert!(!better_described(&evidence(250, Some(0.0), false), &verse));
        assert!(!better_described(&appeal, &evidence(150, Some(1.0), false)));
    }

    #[test]
    fn a_short_post_above_a_comment_is_what_the_description_speaks_of() {
        let mut comment = evidence(330, Some(0.0), false);
        comment.after_headline = Some(700);
        let mut post = evidence(320, Some(0.97), false);
        post.after_headline = Some(30);
        assert!(better_described(&comment, &post));
        // Not below the first, nor under half its length, nor when the first is long.
        post.after_headline = Some(900);
        assert!(!better_described(&comment, &post));
        post.after_headline = Some(30);
        post.prose = 150;
        assert!(!better_described(&comment, &post));
        post.prose = 1400;
        comment.prose = 2900;
        assert!(!better_described(&comment, &post));
    }

    #[test]
    fn prose_right_under_the_headline_starts_a_story_chosen_far_below() {
        let mut far = evidence(9000, Some(0.3), false);
        far.after_headline = Some(2400);
        let mut lede = evidence(600, Some(1.0), false);
        lede.after_headline = Some(40);
        assert!(far_from_headline(2400) && !far_from_headline(150));
        assert!(starts_the_story(&far, &lede));
        // Not when it stands further down, nor when the description speaks against it.
        lede.after_headline = Some(900);
        assert!(!starts_the_story(&far, &lede));
        lede.after_headline = Some(40);
        far.description = Some(0.9);
        lede.description = Some(0.1);
        assert!(!starts_the_story(&far, &lede));
    }

    #[test]
    fn next_to_nothing_gives_way_but_not_to_an_aside_the_description_passes_over() {
        let short = evidence(180, Some(1.0), false);
        let mut author_box = evidence(340, Some(0.0), false);
        author_box.aside = true;
        assert!(!prefer_second(&short, &author_box));
        author_box.aside = false;
        assert!(prefer_second(&short, &author_box), "longer, not set aside");
        let undescribed = evidence(180, Some(0.0), false);
        author_box.aside = true;
        assert!(
            prefer_second(&undescribed, &author_box),
            "nothing speaks for the first"
        );
    }

    #[test]
    fn furniture_loses_to_prose() {
        assert!(prefer_second(
            &evidence(900, None, true),
            &evidence(700, None, false)
        ));
        assert!(!prefer_second(
            &evidence(900, None, false),
            &evidence(5000, None, true)
        ));
    }
}
