#pragma once
// Surrogate-gradient training in the workbench (Run > Surrogate-gradient training...): the settings,
// Start and Stop, and the run live: the loss of every batch and the running training accuracy climbing
// in an accuracy view, the test accuracy after each epoch, and the hidden neurons' input weights as
// 28x28 receptive fields. The trainer (sim/train) runs in its own thread and hands its results over
// under a mutex that it holds only to append; the window drains them 30 times a second.
#include "sim/train/SurrogateGradient.h"

#include <QWidget>

#include <atomic>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTimer;

namespace ss::widgets {
class AccuracyView;
class ReceptiveFieldView;
} // namespace ss::widgets

namespace ss::app {

class GradientTrainingWindow : public QWidget {
    Q_OBJECT
public:
    struct Settings {
        QString data = QStringLiteral("${DATA}/mnist"); // train-* and t10k-* IDX files, raw or .gz
        int train = 8000;
        int test = 2000;
        int hidden = 100;
        int epochs = 5;
        int batch = 64;
        double learningRate = 2e-3;
        int seed = 1;
    };

    explicit GradientTrainingWindow(QWidget* parent = nullptr);
    ~GradientTrainingWindow() override;

    void setSettings(const Settings& s);
    Settings settings() const;
    void start();
    void stop();
    // Until the window has shown the end of the run (its last drain joins the worker).
    bool running() const { return m_worker.joinable(); }

    widgets::AccuracyView* curves() const { return m_curves; }
    widgets::ReceptiveFieldView* fields() const { return m_fields; }
    QString status() const;
    // The trained network once a run has ended (null before).
    const sim::train::SurrogateNetwork* network() const { return m_done.load() ? m_net.get() : nullptr; }

signals:
    void finished(const QString& message);

private:
    void train(Settings s); // the worker thread
    void drain();
    void join();

    QLineEdit* m_data;
    QSpinBox *m_train, *m_test, *m_hidden, *m_epochs, *m_batch, *m_seed;
    QDoubleSpinBox* m_rate;
    QPushButton *m_start, *m_stop;
    QLabel* m_status;
    widgets::AccuracyView* m_curves;
    widgets::ReceptiveFieldView* m_fields;
    QTimer* m_timer;

    std::thread m_worker;
    std::atomic<bool> m_stopping{false}, m_done{false};
    std::unique_ptr<sim::train::SurrogateNetwork> m_net;

    // Handed over from the worker (under m_mutex).
    std::mutex m_mutex;
    std::vector<double> m_lossX, m_loss, m_trainX, m_trainAcc, m_testX, m_testAcc;
    std::vector<float> m_weights; // hidden x 784, the newest snapshot
    int m_weightsVersion = 0, m_shownVersion = 0, m_hiddenShown = 0;
    QString m_message;
    std::size_t m_shownPoints = 0;
};

} // namespace ss::app
