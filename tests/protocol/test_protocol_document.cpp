// experiment.protocol in the document (app/DocumentIo): read from the bundled Diehl & Cook document,
// written back unchanged, optional (documents without one stay valid), and checked for the nodes it names.
#include "app/DocumentIo.h"

#include <QtTest/QtTest>

using namespace ss;

class TestProtocolDocument : public QObject {
    Q_OBJECT

private slots:
    // The bundled document's protocol: Diehl & Cook's 350 ms + 150 ms at dt 0.5 ms, fewer than 5 spikes
    // raise the intensity from 2 by 1 (a factor 1.5 on the 63.75 Hz of intensity 2: step 0.5).
    void bundledDocument()
    {
        const app::Document doc = app::readDocument(qEnvironmentVariable("SPIKESTUDIO_SOURCE") +
                                                    QStringLiteral("/resources/experiments/diehl_cook_100.json"));
        QVERIFY(doc.graph.experiment.protocol.has_value());
        const auto& p = *doc.graph.experiment.protocol;
        QCOMPARE(p.settings.present, 0.35);
        QCOMPARE(p.settings.rest, 0.15);
        QCOMPARE(doc.graph.experiment.dt, 0.5e-3);
        QCOMPARE(p.settings.trainCount, std::size_t(8000));
        QCOMPARE(p.settings.testCount, std::size_t(2000));
        QCOMPARE(p.settings.minSpikes, 5);
        QCOMPARE(p.settings.intensityStep, 0.5);
        QCOMPARE(p.readoutLayer, std::string("exc"));
        QCOMPARE(p.testSource, std::string("test_digits"));

        const app::Document again = app::parseDocument(app::writeDocument(doc), QStringLiteral("round trip"));
        QVERIFY(again.graph.experiment.protocol.has_value());
        const auto& q = *again.graph.experiment.protocol;
        QCOMPARE(q.settings.present, p.settings.present);
        QCOMPARE(q.settings.trainCount, p.settings.trainCount);
        QCOMPARE(q.settings.intensityStep, p.settings.intensityStep);
        QCOMPARE(q.trainSource, p.trainSource);
        QCOMPARE(q.testSource, p.testSource);
        QCOMPARE(q.readoutLayer, p.readoutLayer);
    }

    void optional()
    {
        const QByteArray json = R"({"format": "spikestudio", "version": 1, "experiment": {"dt": 0.1}, "nodes": []})";
        const app::Document doc = app::parseDocument(json, QStringLiteral("plain"));
        QVERIFY(!doc.graph.experiment.protocol.has_value());
        QVERIFY(!app::writeDocument(doc).contains("protocol"));
    }

    void unknownLayerNamesTheField()
    {
        const QByteArray json = R"({"format": "spikestudio", "version": 1,
            "experiment": {"protocol": {"readout_layer": "nowhere"}}, "nodes": []})";
        try {
            app::parseDocument(json, QStringLiteral("bad"));
            QFAIL("accepted a protocol that reads an unknown layer");
        } catch (const app::DocumentError& e) {
            QCOMPARE(e.field, QStringLiteral("experiment.protocol.readout_layer"));
        }
    }

    // The class vote reads a layer's spikes; an encoder's are the input itself.
    void readoutOfAnEncoderIsRefused()
    {
        const QByteArray json = R"({"format": "spikestudio", "version": 1,
            "experiment": {"protocol": {"readout_layer": "input"}},
            "nodes": [{"id": "input", "type": "encoder.poisson", "params": {"size": 4}}]})";
        try {
            app::parseDocument(json, QStringLiteral("bad"));
            QFAIL("accepted a protocol that reads an encoder");
        } catch (const app::DocumentError& e) {
            QCOMPARE(e.field, QStringLiteral("experiment.protocol.readout_layer"));
            QCOMPARE(e.message, QStringLiteral("'input' is in category Encoder; the readout layer must be a layer of neurons"));
        }
    }
};

QTEST_APPLESS_MAIN(TestProtocolDocument)
#include "test_protocol_document.moc"
