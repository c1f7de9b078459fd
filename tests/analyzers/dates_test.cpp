#include "analyzers/dates.h"

#include <gtest/gtest.h>

namespace councilsearch {
namespace {

TEST(FindDateMentions, FormatsCouncilsWrite) {
  struct Case {
    const char* text;
    const char* iso;  // with the year, or "" when yearless
    int month, day;
  };
  const Case cases[] = {
      {"Date: Thursday, 26 January 2023", "2023-01-26", 1, 26},
      {"16th December 2019", "2019-12-16", 12, 16},
      {"held on the 22nd February, 2022 at 3:30", "2022-02-22", 2, 22},
      {"on Wednesday, 4th of March, 2015", "2015-03-04", 3, 4},
      {"26/01/2023", "2023-01-26", 1, 26},
      {"2023-01-26", "2023-01-26", 1, 26},
      {"Agenda frontsheet 04th-Mar-2025 10.00", "2025-03-04", 3, 4},
      {"January 26, 2023", "2023-01-26", 1, 26},
      {"Meeting Date\t26 th January 2023", "2023-01-26", 1, 26},
      {"ON THURSDAY, 9TM OCTOBER, 2014", "2014-10-09", 10, 9},      // OCR of 9th
      {"on Tuesday, 17% October, 2023", "2023-10-17", 10, 17},      // OCR of 17th
      {"Monday 25\"\" June 2018", "2018-06-25", 6, 25},             // OCR of 25th
      {"WEDNESDAY, 2ND\n\nJULY, 2014", "2014-07-02", 7, 2},         // split by a blank line
      {"Scrutiny Panel 21st September", "", 9, 21},                 // the year is elsewhere
      {"21/11/19", "2019-11-21", 11, 21},
  };
  for (const Case& c : cases) {
    const auto mentions = FindDateMentions(c.text);
    ASSERT_EQ(mentions.size(), 1u) << c.text;
    EXPECT_EQ(mentions[0].month, c.month) << c.text;
    EXPECT_EQ(mentions[0].day, c.day) << c.text;
    EXPECT_EQ(IsoDate(mentions[0].year, mentions[0].month, mentions[0].day), c.iso) << c.text;
  }
}

TEST(FindDateMentions, ThingsThatAreNotDates) {
  for (const char* text : {"the 2025/26 budget", "financial year 2023-24", "0115 8764315", "paragraph 5.1.2",
                           "31 February 2023", "item 13 of 2019", "£4,100 p/w", "version 2.3.1"}) {
    EXPECT_TRUE(FindDateMentions(text).empty()) << text;
  }
}

TEST(DayOfWeek, KnownDays) {
  EXPECT_EQ(DayOfWeek(2023, 1, 26), 3);  // Thursday
  EXPECT_EQ(DayOfWeek(2019, 12, 16), 0);  // Monday
  EXPECT_EQ(DayOfWeek(2024, 2, 29), 3);  // Thursday
}

TEST(ExtractMeetingDate, ChoosesTheMeetingNotOtherDates) {
  struct Case {
    const char* text;
    const char* want;  // "" for no answer
  };
  const Case cases[] = {
      // A pack's front sheet names its meeting; the minutes inside record an earlier one.
      {"Public Document Pack\n\nDate: Thursday, 26 January 2023\n\nTo confirm the minutes of the meeting held on "
       "1 December 2022\n\nMinutes of the meeting held on 1 December 2022",
       "2023-01-26"},
      // A publication stamp is not the meeting.
      {"Skip to main content\n\nMinutes for Children and Lifelong Learning Scrutiny Panel 21st September\n\n"
       "9:05 am, Friday, 17th November 2023 - 6 months ago\n\nThe minutes of the meeting held on 20th July 2023 "
       "were agreed. The special meeting on 27th September 2023 will consider nurseries.",
       "2023-09-21"},
      // A summons: the letter's date heads it, the meeting is "to be held".
      {"Corporate Services\n\n12th October, 2023.\n\nA Chomhairleoir, a chara,\n\nYou are requested to attend a "
       "Meeting of the Municipal District of Adare-Rathkeale to be held in Rathkeale on Tuesday, 17th October, 2023 "
       "at 12.30 p.m.",
       "2023-10-17"},
      // A report headed by its meeting's date.
      {"16th December 2019\n\nAgenda Item: 13\n\nREPORT OF THE CORPORATE DIRECTOR\n\n1. To provide an update on "
       "the plan presented to Committee on 16th September 2019.",
       "2019-12-16"},
      // Financial years and a lone passing date are no answer.
      {"Budget proposals for 2025/26 were discussed. Savings of £2million are planned.", ""},
      {"The Ofsted inspection in July 2022 found ...", ""},
  };
  for (const Case& c : cases) {
    const auto got = ExtractMeetingDate(c.text);
    if (*c.want == '\0') {
      EXPECT_FALSE(got) << c.text << " -> " << (got ? got->value : "");
    } else {
      ASSERT_TRUE(got) << c.text;
      EXPECT_EQ(got->value, c.want) << c.text;
      EXPECT_GE(got->confidence, 0.5);
      EXPECT_FALSE(got->evidence.empty());
    }
  }
}

}  // namespace
}  // namespace councilsearch
