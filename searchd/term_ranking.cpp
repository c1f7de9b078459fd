#include "searchd/term_ranking.h"

#include <cmath>
#include <map>
#include <memory>

namespace councilsearch {

// BM25Weight::init with no relevance set and a factor of 1, step by step as
// Xapian takes it, so that the weights come out identical.
Bm25Term::Bm25Term(const Xapian::Database& db, const std::string& term, Xapian::termcount wqf) {
  const Xapian::doccount collection_size = db.get_doccount();
  const Xapian::doccount tf = db.get_termfreq(term);
  double tw = (collection_size - tf + 0.5) / (tf + 0.5);
  // Xapian's adjustment for a term in more than a third of the documents.
  if (tw < 2) tw = tw * 0.5 + 1;
  termweight_ = std::log(tw) * 1.0;
  const double wqf_double = wqf;
  termweight_ *= (kK3 + 1) * wqf_double / (kK3 + wqf_double);
  termweight_ *= (kK1 + 1);
  // Weight::Internal::get_average_length: total length / documents.
  len_factor_ = db.get_avlength();
  if (len_factor_ != 0) len_factor_ = 1 / len_factor_;
}

namespace {

// A node of the walk: the documents of a term, or of an AND or OR of nodes,
// in docid order within one database part (ids mapped to combined ones for
// the lengths and the caller).
class Node {
 public:
  virtual ~Node() = default;
  bool at_end() const { return at_end_; }
  Xapian::docid docid() const { return docid_; }  // local to the part
  virtual void Next() = 0;
  virtual void SkipTo(Xapian::docid target) = 0;  // to the first document >= target
  virtual double Weight() const = 0;              // of the current document
  virtual Xapian::doccount Estimate() const = 0;  // how many documents, about

 protected:
  bool at_end_ = false;
  Xapian::docid docid_ = 0;
};

class TermNode final : public Node {
 public:
  TermNode(const Xapian::Database& part, const std::string& term, const Bm25Term& bm25,
           std::span<const uint32_t> lengths, const std::function<Xapian::docid(Xapian::docid)>& combined)
      : p_(part.postlist_begin(term)),
        end_(part.postlist_end(term)),
        frequency_(part.get_termfreq(term)),
        bm25_(bm25),
        lengths_(lengths),
        combined_(combined) {
    Settle();
  }
  void Next() override {
    ++p_;
    Settle();
  }
  void SkipTo(Xapian::docid target) override {
    if (target <= docid_) return;
    p_.skip_to(target);
    Settle();
  }
  double Weight() const override {
    const Xapian::docid id = combined_(docid_);
    return bm25_.Weight(p_.get_wdf(), id < lengths_.size() ? lengths_[id] : 0);
  }
  Xapian::doccount Estimate() const override { return frequency_; }

 private:
  void Settle() {
    at_end_ = p_ == end_;
    docid_ = at_end_ ? 0 : *p_;
  }
  Xapian::PostingIterator p_, end_;
  Xapian::doccount frequency_;
  const Bm25Term& bm25_;
  std::span<const uint32_t> lengths_;
  const std::function<Xapian::docid(Xapian::docid)>& combined_;
};

// Every child matches; the weight is their sum. Children rarest first, as
// Xapian orders them, so the walk skips forward from the rarest list.
class AndNode final : public Node {
 public:
  explicit AndNode(std::vector<std::unique_ptr<Node>> kids) : kids_(std::move(kids)) {
    std::stable_sort(kids_.begin(), kids_.end(), [](const auto& a, const auto& b) { return a->Estimate() < b->Estimate(); });
    Align();
  }
  void Next() override {
    kids_[0]->Next();
    Align();
  }
  void SkipTo(Xapian::docid target) override {
    if (target <= docid_) return;
    kids_[0]->SkipTo(target);
    Align();
  }
  double Weight() const override {
    double w = 0;
    for (const auto& k : kids_) w += k->Weight();
    return w;
  }
  Xapian::doccount Estimate() const override { return kids_[0]->Estimate(); }

 private:
  // Moves every child to the first document they all have from the first child's.
  void Align() {
    while (!kids_[0]->at_end()) {
      const Xapian::docid candidate = kids_[0]->docid();
      bool all = true;
      for (size_t i = 1; i < kids_.size(); ++i) {
        kids_[i]->SkipTo(candidate);
        if (kids_[i]->at_end()) {
          at_end_ = true;
          return;
        }
        if (kids_[i]->docid() != candidate) {
          kids_[0]->SkipTo(kids_[i]->docid());
          all = false;
          break;
        }
      }
      if (all) {
        docid_ = candidate;
        return;
      }
    }
    at_end_ = true;
  }
  std::vector<std::unique_ptr<Node>> kids_;
};

// Any child matches; the weight is the sum of those that do.
class OrNode final : public Node {
 public:
  explicit OrNode(std::vector<std::unique_ptr<Node>> kids) : kids_(std::move(kids)) { Settle(); }
  void Next() override {
    for (auto& k : kids_)
      if (!k->at_end() && k->docid() == docid_) k->Next();
    Settle();
  }
  void SkipTo(Xapian::docid target) override {
    if (target <= docid_) return;
    for (auto& k : kids_) k->SkipTo(target);
    Settle();
  }
  double Weight() const override {
    double w = 0;
    for (const auto& k : kids_)
      if (!k->at_end() && k->docid() == docid_) w += k->Weight();
    return w;
  }
  Xapian::doccount Estimate() const override {
    Xapian::doccount n = 0;
    for (const auto& k : kids_) n += k->Estimate();
    return n;
  }

 private:
  void Settle() {
    Xapian::docid lowest = 0;
    for (const auto& k : kids_)
      if (!k->at_end() && (lowest == 0 || k->docid() < lowest)) lowest = k->docid();
    at_end_ = lowest == 0;
    docid_ = lowest;
  }
  std::vector<std::unique_ptr<Node>> kids_;
};

// The terms of an AND/OR tree and their wqfs; false for any other operator or
// a term met twice (Xapian's statistics would then differ: left to it).
bool CollectTerms(const Xapian::Query& q, std::map<std::string, Xapian::termcount>& wqfs) {
  switch (q.get_type()) {
    case Xapian::Query::LEAF_TERM:
      return wqfs.emplace(LeafTerm(q), q.get_length()).second;  // a term's length is its wqf
    case Xapian::Query::OP_AND:
    case Xapian::Query::OP_OR:
      for (size_t i = 0; i < q.get_num_subqueries(); ++i)
        if (!CollectTerms(q.get_subquery(i), wqfs)) return false;
      return q.get_num_subqueries() > 0;
    default:
      return false;
  }
}

std::unique_ptr<Node> Build(const Xapian::Query& q, const Xapian::Database& part,
                            const std::map<std::string, Bm25Term>& weights, std::span<const uint32_t> lengths,
                            const std::function<Xapian::docid(Xapian::docid)>& combined) {
  if (q.get_type() == Xapian::Query::LEAF_TERM)
    return std::make_unique<TermNode>(part, LeafTerm(q), weights.at(LeafTerm(q)), lengths, combined);
  std::vector<std::unique_ptr<Node>> kids;
  for (size_t i = 0; i < q.get_num_subqueries(); ++i)
    kids.push_back(Build(q.get_subquery(i), part, weights, lengths, combined));
  if (q.get_type() == Xapian::Query::OP_AND) return std::make_unique<AndNode>(std::move(kids));
  return std::make_unique<OrNode>(std::move(kids));
}

}  // namespace

bool CanRankCompound(const Xapian::Query& query) {
  std::map<std::string, Xapian::termcount> wqfs;
  return CollectTerms(query, wqfs) && wqfs.size() <= kMaxRankedWords;
}

std::vector<RankedMatch> RankCompound(const Shards& shards, const Xapian::Query& query,
                                      std::span<const uint32_t> lengths, size_t top, Xapian::doccount& matches,
                                      const std::function<void(Xapian::docid)>& each) {
  std::map<std::string, Xapian::termcount> wqfs;
  CollectTerms(query, wqfs);
  std::map<std::string, Bm25Term> weights;
  for (const auto& [term, wqf] : wqfs) weights.try_emplace(term, shards.combined(), term, wqf);
  TopMatches best(top);
  matches = 0;
  shards.ForEachPart([&](const Xapian::Database& part, auto&& to_combined) {
    const std::function<Xapian::docid(Xapian::docid)> combined = to_combined;
    for (auto root = Build(query, part, weights, lengths, combined); !root->at_end(); root->Next()) {
      const Xapian::docid id = combined(root->docid());
      ++matches;
      each(id);
      best.Offer(id, root->Weight());
    }
  });
  return best.Take();
}

}  // namespace councilsearch
