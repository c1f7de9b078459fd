// Which council a paper comes from, read from its text.
//
// Strong evidence is the council named in full: "Nottingham City Council",
// "KENT COUNTY COUNCIL", "London Borough of Camden", or a name or alias from
// the councils data file ("Comhairle Cathrach agus Contae Luimnigh"). E-mail
// and web domains and phone prefixes of known councils are weak evidence and
// never decide alone. Place names alone ("a Nottinghamshire child") are not
// evidence; nor are plural or generic mentions ("Derbyshire County Councils",
// "the County Council").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analyzers/paper.h"

namespace councilsearch {

struct Knowledge;

struct CouncilMention {
  uint32_t begin = 0, end = 0;
  std::string name;  // canonical: a known council's name, or the mention title-cased
};

// Every full council name in the text, in order.
std::vector<CouncilMention> FindCouncilMentions(std::string_view text, const Knowledge& knowledge);

std::optional<Extracted> ExtractCouncil(std::string_view text, const Knowledge& knowledge);

}  // namespace councilsearch
