// A syntax check of a user's query before Xapian's QueryParser sees it.
//
// Xapian 1.4's parser is lenient: on a syntax error it quietly re-reads the
// query as plain words, so "children AND" or "(family hubs" would search for
// something the user did not ask for, and its own errors ("Syntax:
// <expression> AND <expression>") do not say where the problem is. This
// check finds the common mistakes and names the character they are at.
#pragma once

#include <string_view>

#include "analyzers/status.h"

namespace councilsearch {

// Ok, or kInvalidArgument "query syntax: ... at character N ...". Checks
// parentheses and quotes are balanced, AND/OR/XOR/NEAR/ADJ have something on
// both sides and NOT something after, and every "a..b" range is a date range
// (YYYY[-MM[-DD]] ends) or an amount range (amount:500k..2m), either end open.
Status CheckQuerySyntax(std::string_view query);

}  // namespace councilsearch
