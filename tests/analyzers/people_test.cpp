#include "analyzers/people.h"

#include <gtest/gtest.h>

namespace councilsearch {
namespace {

TEST(FindAttendees, SectionsAndShapes) {
  const std::string text =
      "Present:\nCouncillor Silvester (in the Chair)\nCouncillors Astbury, Beasant and Boyd.\n\n"
      "Officers in attendance:\n• Matt Clayton (Head of Service Early Help and Prevention)\n"
      "• Beverly O'Brien (Scrutiny and Committee Advisor)\n\n"
      "Colleagues, partners and others in attendance:\n\nAilsa Barr - Director of Children's Integrated Services\n\n"
      "OFFICIALS IN ATTENDANCE:\nHead of Finance (Mr. T. Gilligan), Meetings Administrator (Ms. T. Knox).\n\n"
      "Apologies:\nCllr. M. Ryan & Mr. Philip Ruttle.\n\n"
      "There were no members of the press and 3 members of the public in attendance today at this meeting.\n"
      "Councillor Nobody (should not be listed)\n";
  const auto people = FindAttendees(text);
  std::vector<std::pair<std::string, std::string>> got;
  for (const Person& p : people) got.emplace_back(p.name, p.role);
  const std::vector<std::pair<std::string, std::string>> want = {
      {"Silvester", "in the Chair"},
      {"Astbury", ""},
      {"Beasant", ""},
      {"Boyd", ""},
      {"Matt Clayton", "Head of Service Early Help and Prevention"},
      {"Beverly O'Brien", "Scrutiny and Committee Advisor"},
      {"Ailsa Barr", "Director of Children's Integrated Services"},
      {"T Gilligan", "Head of Finance"},
      {"T Knox", "Meetings Administrator"},
      {"M Ryan", ""},
      {"Philip Ruttle", ""},
  };
  EXPECT_EQ(got, want);
  EXPECT_EQ(people[4].kind, "officer");
  EXPECT_EQ(people[0].kind, "member");
  EXPECT_EQ(people.back().kind, "apologies");
}

TEST(FindTitledNames, SpeakersInMinutes) {
  const auto names = FindTitledNames(
      "Ms Spencer stated that the number had reduced. Mr Dicker. Mr Vincent asked whether Councillor Cheryl "
      "Barnard, Executive Member, agreed. Ms Spencer added more.");
  EXPECT_EQ(names, (std::vector<std::string>{"Spencer", "Dicker", "Vincent", "Cheryl Barnard"}));
}

TEST(FindAttendees, RolesAndBodiesAreNotPeople) {
  // As Limerick's minutes write them: a role, or a department, where a name would be.
  const auto people = FindAttendees(
      "In attendance:\nMs. Mary Kelly, Administrative Officer\nCorporate Services\nSenior Executive Engineer\n"
      "Mr. John Head\n");
  std::vector<std::string> names;
  for (const Person& p : people) names.push_back(p.name);
  EXPECT_EQ(names, (std::vector<std::string>{"Mary Kelly", "John Head"}));
}

TEST(PersonKey, SlugsNames) {
  EXPECT_EQ(PersonKey("Maria Joannou"), "maria-joannou");
  EXPECT_EQ(PersonKey("Beverly O'Brien"), "beverly-o-brien");
  EXPECT_EQ(Surname("Maria Joannou"), "Joannou");
}

}  // namespace
}  // namespace councilsearch
