#include "analyzers/committees.h"

#include <gtest/gtest.h>

#include "analyzers/councils.h"
#include "analyzers/knowledge.h"

namespace councilsearch {
namespace {

TEST(CanonicalCommittee, MeetingNamesToBodies) {
  const Knowledge& kb = DefaultKnowledge();
  const std::string lim = "Limerick City and County Council";
  struct Case {
    const char* raw;
    const char* council;
    const char* name;
    std::vector<std::string> kinds;
  };
  const Case cases[] = {
      {"Monthly Meeting of the Municipal District of Newcastle West", "", "Municipal District of Newcastle West", {"monthly"}},
      {"Monthly Meeting of Municipal District of Newcastle West", "", "Municipal District of Newcastle West", {"monthly"}},
      {"Virtual Monthly Meeting of the Municipal District of Newcastle West", "", "Municipal District of Newcastle West",
       {"virtual", "monthly"}},
      {"Annual Meeting of the Cappamore Kilmallock Municipal District", lim.c_str(),
       "Municipal District of Cappamore-Kilmallock", {"annual"}},
      {"Monthly Meeting of Municipal District of Cappamore/Kilmallock", "", "Municipal District of Cappamore-Kilmallock",
       {"monthly"}},
      {"Meeting of the Home & Social Development SPC", "", "Home and Social Development Strategic Policy Committee", {}},
      {"Meeting of the Strategic Policy Committee for Travel and Transportation", "",
       "Travel and Transportation Strategic Policy Committee", {}},
      {"Joint Policing Sub-Committee Meeting for Elected Members of the Cappamore-Kilmallock Municipal District", "",
       "Municipal District of Cappamore-Kilmallock Joint Policing Sub-Committee", {}},
      {"District JPC Subcommittee Meeting of the Municipal District of Adare-Rathkeale", "",
       "Municipal District of Adare-Rathkeale Joint Policing Sub-Committee", {}},
      {"Meeting to consider the Draft Budgetary Plan 2019 for the Municipal District of Newcastle West", "",
       "Municipal District of Newcastle West", {}},
      {"Special Meeting of Limerick City and County Council to consider the Chief Executive's Draft Development Plan",
       lim.c_str(), "Full Council", {"special"}},
      {"Full Meeting of Limerick City and County Council", lim.c_str(), "Full Council", {}},
      {"CANCELLED: Special Meeting of Limerick City and County Council", lim.c_str(), "Full Council",
       {"cancelled", "special"}},
      {"County Council", "Kent County Council", "Full Council", {}},
      {"Cabinet", "Kent County Council", "Cabinet", {}},
      {"Children and Young People's Committee", "", "Children and Young People's Committee", {}},
      {"Nottingham City Council Children and Young People Scrutiny Committee", "Nottingham City Council",
       "Children and Young People Scrutiny Committee", {}},
      {"Committee on Consumer Affairs", "New York City Council", "Committee on Consumer Affairs", {}},
      {"Environment Strategic Policy Committee Meeting", lim.c_str(),
       "Climate Action Biodiversity and Environment Strategic Policy Committee", {}},  // a rename, from the data file
  };
  for (const Case& c : cases) {
    const CommitteeName got = CanonicalCommittee(c.raw, c.council, &kb);
    EXPECT_EQ(got.name, c.name) << c.raw;
    for (const std::string& k : c.kinds) {
      EXPECT_NE(std::find(got.kinds.begin(), got.kinds.end(), k), got.kinds.end()) << c.raw << " kind " << k;
    }
  }
  EXPECT_EQ(CanonicalCommittee("", "").name, "");
}

TEST(ExtractCommittee, FromHeadingsInText) {
  const Knowledge& kb = DefaultKnowledge();
  struct Case {
    const char* text;
    const char* council;
    const char* want;  // "" for no answer
  };
  const Case cases[] = {
      {"MINUTES OF PROCEEDINGS AT MEETING OF THE MUNICIPAL DISTRICT\n\nOF NEWCASTLE WEST HELD IN ARAS WILLIAM SMITH "
       "OBRIEN, ON WEDNESDAY, 2ND JULY, 2014",
       "", "Municipal District of Newcastle West"},
      {"A Chomhairleoir, a chara,\nYou are requested to attend a Special Meeting of the Municipal District of "
       "Adare-Rathkeale to be held in Aras Sean Finn on Tuesday, 17 October, 2023.",
       "", "Municipal District of Adare-Rathkeale"},
      {"KENT COUNTY COUNCIL\n\nCABINET\nMINUTES of a meeting of the Cabinet held in the Council Chamber on Thursday, "
       "30 January 2025.",
       "Kent County Council", "Cabinet"},
      {"From:\tDerek Murphy - Cabinet Member\n\nTo:\tCabinet - 4 March 2025\n\nSubject:\tAdoption of the Plan",
       "Kent County Council", "Cabinet"},
      {"Minutes for Children and Lifelong Learning Scrutiny Panel 21st September\n\nPresent: Councillor Silvester", "",
       "Children and Lifelong Learning Scrutiny Panel"},
      // Only "the Committee": no name, no answer.
      {"Report of the Statutory Scrutiny Officer\nMinutes:\nCommittee Members asked about the budget.", "", ""},
      // A motion referred from another meeting is not this paper's committee.
      {"2. To consider Notice of Motion referred from Metropolitan Meeting of the Council held on 21 June 2021", "", ""},
  };
  for (const Case& c : cases) {
    const auto got = ExtractCommittee(c.text, c.council, &kb);
    if (*c.want == '\0') {
      EXPECT_FALSE(got) << c.text << " -> " << (got ? got->value : "");
    } else {
      ASSERT_TRUE(got) << c.text;
      EXPECT_EQ(got->value, c.want) << c.text;
    }
  }
}

TEST(ExtractCouncil, NamedCouncilsOnlyWeakEvidenceNeverDecides) {
  const Knowledge& kb = DefaultKnowledge();
  struct Case {
    const char* text;
    const char* want;
  };
  const Case cases[] = {
      {"Public Document Pack\n**Nottingham\nCity Council**\nNottingham City Council Children and Young People", "Nottingham City Council"},
      {"KENT COUNTY COUNCIL\n\nCOUNTY COUNCIL\n\nMINUTES of a meeting", "Kent County Council"},
      {"Comhairle Cathrach agus Contae Luimnigh\nCorporate Services", "Limerick City and County Council"},
      {"London Borough of Camden\nCabinet", "London Borough of Camden"},
      {"Joint work with Nottingham City, Derby City and Derbyshire County Councils.", ""},
      {"NHS Nottingham and Nottinghamshire Integrated Care Board", ""},
      {"E: laurence.jones@nottscc.gov.uk", ""},  // a domain alone is weak evidence
      {"the County Council agreed", ""},
  };
  for (const Case& c : cases) {
    const auto got = ExtractCouncil(c.text, kb);
    if (*c.want == '\0') {
      EXPECT_FALSE(got) << c.text << " -> " << (got ? got->value : "");
    } else {
      ASSERT_TRUE(got) << c.text;
      EXPECT_EQ(got->value, c.want) << c.text;
    }
  }
}

}  // namespace
}  // namespace councilsearch
