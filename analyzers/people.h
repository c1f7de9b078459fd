// People in council papers: who attended, who sent apologies, and the roles
// the paper gives them.
//
// Attendance sections ("Present:", "Members present:", "PRESENT IN THE
// CHAIR:", "Officers in attendance:", "OFFICIALS IN ATTENDANCE:",
// "Colleagues, partners and others in attendance:", "Apologies:") list people
// in many shapes: "Councillor Maria Joannou (Vice Chair)", "Ailsa Barr -
// Director of Children's Integrated Services", "Councillors Astbury, Beasant,
// Boyd", "Head of Finance (Mr. T. Gilligan)", "Mr B J Sweetland (Chairman)".
// Names lose their titles (Councillor, Cllr, Mr, Ms, Dr ...); roles are kept.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace councilsearch {

struct Person {
  std::string name;  // "Maria Joannou", "Astbury" (only a surname when that is all the paper gives)
  std::string role;  // "Vice Chair", "Director of Children's Integrated Services", or ""
  std::string kind;  // "member", "officer", "other", "apologies", "absent"
  bool operator==(const Person&) const = default;
};

// Everyone the attendance sections of `text` list, in order, without duplicates.
std::vector<Person> FindAttendees(std::string_view text);

// People named with a title in running text ("Ms Spencer stated", "Councillor
// Cracknell"), as surnames or full names, in order of first mention.
std::vector<std::string> FindTitledNames(std::string_view text);

// The key a person is filtered by: their name lower-cased, words joined by
// '-' ("maria-joannou"); see Slug().
std::string PersonKey(std::string_view name);

// The surname: the last word of a name.
std::string_view Surname(std::string_view name);

}  // namespace councilsearch
