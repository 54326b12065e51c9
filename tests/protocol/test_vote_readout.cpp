// The class-assignment readout of Diehl & Cook (2015, authors' code): each neuron is assigned to the
// class of its highest mean response; a sample is classified by the highest MEAN count of the neurons
// assigned to each class. Hand-made counts whose answers follow from those two definitions exactly.
#include "models/VoteReadout.h"

#include <QtTest/QtTest>

using ss::models::VoteReadout;

namespace {

Eigen::ArrayXd counts(std::initializer_list<double> values)
{
    Eigen::ArrayXd a(static_cast<Eigen::Index>(values.size()));
    Eigen::Index i = 0;
    for (double v : values) a[i++] = v;
    return a;
}

// 4 neurons, 3 classes. Mean responses per class (rows: neurons):
//   class 0: (5,0,1,0) and (3,0,1,0) -> (4, 0, 1, 0)
//   class 1: (0,6,2,0)               -> (0, 6, 2, 0)
//   class 2: (1,0,4,0) and (1,2,0,0) -> (1, 1, 2, 0)
// Assignments: n0 -> 0 (4 > 1 > 0); n1 -> 1 (6); n2 -> 1 (2 = 2: tie, lowest class); n3 -> -1 (silent).
VoteReadout trained()
{
    VoteReadout r(4, 3);
    r.accumulate(0, counts({5, 0, 1, 0}));
    r.accumulate(0, counts({3, 0, 1, 0}));
    r.accumulate(1, counts({0, 6, 2, 0}));
    r.accumulate(2, counts({1, 0, 4, 0}));
    r.accumulate(2, counts({1, 2, 0, 0}));
    r.assign();
    return r;
}

} // namespace

class TestVoteReadout : public QObject {
    Q_OBJECT

private slots:
    void meanResponses()
    {
        const VoteReadout r = trained();
        const Eigen::ArrayXXd m = r.meanResponses();
        QCOMPARE(m(0, 0), 4.0);
        QCOMPARE(m(2, 1), 2.0);
        QCOMPARE(m(2, 2), 2.0);
        QCOMPARE(m(1, 2), 1.0);
        QCOMPARE(r.samplesPerClass()[2], 2.0);
    }

    void assignments()
    {
        const VoteReadout r = trained();
        QCOMPARE(r.assignments(), (std::vector<int>{0, 1, 1, -1}));
    }

    void predict_data()
    {
        QTest::addColumn<QList<double>>("spikes");
        QTest::addColumn<int>("expected");
        // class 0 vote = n0; class 1 vote = (n1 + n2) / 2; class 2 has no neuron (vote 0); n3 does not vote.
        QTest::newRow("mean beats sum") << QList<double>{3, 4, 0, 0} << 0; // votes 3 vs 2 (a sum would give 4)
        QTest::newRow("class 1") << QList<double>{2, 3, 3, 9} << 1;        // votes 2 vs 3
        QTest::newRow("tie to lowest") << QList<double>{2, 2, 2, 0} << 0; // votes 2 vs 2
        QTest::newRow("unassigned only") << QList<double>{0, 0, 0, 7} << -1;
        QTest::newRow("silent") << QList<double>{0, 0, 0, 0} << -1;
    }

    void predict()
    {
        QFETCH(QList<double>, spikes);
        QFETCH(int, expected);
        const VoteReadout r = trained();
        Eigen::ArrayXd c(spikes.size());
        for (int i = 0; i < spikes.size(); ++i) c[i] = spikes[i];
        QCOMPARE(r.predict(c), expected);
    }

    void votesAreMeans()
    {
        const Eigen::ArrayXd v = trained().votes(counts({2, 3, 5, 9}));
        QCOMPARE(v[0], 2.0);
        QCOMPARE(v[1], 4.0); // (3 + 5) / 2
        QCOMPARE(v[2], 0.0);
    }

    void batchEqualsSingle()
    {
        VoteReadout r(4, 3);
        Eigen::ArrayXXd rows(5, 4);
        rows << 5, 0, 1, 0, 3, 0, 1, 0, 0, 6, 2, 0, 1, 0, 4, 0, 1, 2, 0, 0;
        r.accumulate({0, 0, 1, 2, 2}, rows);
        r.assign();
        QCOMPARE(r.assignments(), trained().assignments());
        QVERIFY((r.meanResponses() == trained().meanResponses()).all());
    }

    void clearKeepsAssignments()
    {
        VoteReadout r = trained();
        r.clear();
        QCOMPARE(r.meanResponses().abs().sum(), 0.0);
        QCOMPARE(r.assignments(), (std::vector<int>{0, 1, 1, -1}));
    }

    void wrongSizeThrows()
    {
        VoteReadout r(4, 3);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, r.accumulate(0, counts({1, 2})));
    }
};

QTEST_APPLESS_MAIN(TestVoteReadout)
#include "test_vote_readout.moc"
