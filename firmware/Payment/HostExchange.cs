using PosFirmware.Crypto;
using PosFirmware.Hal;
using PosFirmware.Iso8583;

namespace PosFirmware.Payment
{
    /// <summary>
    /// One request and its answer over the acquirer link, without holding the main loop: Begin sends,
    /// Poll looks for the answer for at most one receive poll and returns Waiting until the answer, an
    /// error or the deadline. Answers that are not this request's (a late or repeated answer to an
    /// earlier one) are dropped by MTI and trace.
    /// </summary>
    public sealed class HostExchange
    {
        private readonly INetworkLink _link;
        private readonly IClock _clock;
        private readonly Iso8583Channel _channel;
        private readonly PaymentConfig _config;
        private readonly Iso8583Message _answer;
        private MacCalculator _mac;
        private int _expectedType;
        private long _expectedTrace;
        private long _deadlineMicros;

        /// <summary>Creates the exchange over a channel on the link.</summary>
        public HostExchange(INetworkLink link, IClock clock, Iso8583Channel channel, FieldTable table, PaymentConfig config)
        {
            _link = link;
            _clock = clock;
            _channel = channel;
            _config = config;
            _answer = new Iso8583Message(table);
        }

        /// <summary>The last answer (valid after Answered, and after BadMac for display only).</summary>
        public Iso8583Message Answer
        {
            get { return _answer; }
        }

        /// <summary>Answers dropped because they belonged to another request.</summary>
        public long StrayAnswers;

        /// <summary>What went wrong in the last failed Begin or Poll, for the log.</summary>
        public string Message = "";

        /// <summary>
        /// Sends request (with its MAC when mac is given) and starts the wait. NotSent when no connection
        /// could be made or the message would not pack; ConnectionLost when the link failed during the
        /// send (part of it may have left); Waiting otherwise.
        /// </summary>
        public ExchangeResult Begin(Iso8583Message request, MacCalculator mac, long timeoutMicros)
        {
            Message = "";
            if (!_link.IsConnected)
            {
                _channel.DiscardInput();
                if (!_link.Connect(_config.ConnectTimeoutMicros))
                {
                    Message = "no connection to the acquirer";
                    return ExchangeResult.NotSent;
                }
            }
            _channel.DiscardInput();
            _mac = mac;
            _expectedType = MessageTypes.ResponseTo(request.MessageType);
            if (!request.TryGetNumber(11, out _expectedTrace))
            {
                // No answer can match a request without a trace.
                _expectedTrace = -1;
            }
            _deadlineMicros = _clock.NowMicros + timeoutMicros;
            CodecStatus status = _channel.Send(request, mac);
            if (status == CodecStatus.ConnectionClosed)
            {
                Message = "connection lost while sending";
                _link.Close();
                return ExchangeResult.ConnectionLost;
            }
            if (status != CodecStatus.Ok)
            {
                Message = "request not packed: " + CodecStatusText.Describe(status);
                return ExchangeResult.NotSent;
            }
            return ExchangeResult.Waiting;
        }

        /// <summary>Waits at most one receive poll for the answer.</summary>
        public ExchangeResult Poll()
        {
            long now = _clock.NowMicros;
            if (now >= _deadlineMicros)
            {
                return GiveUp();
            }
            long wait = _deadlineMicros - now;
            if (wait > _config.ReceivePollMicros)
            {
                wait = _config.ReceivePollMicros;
            }
            CodecStatus status = _channel.Receive(_answer, _mac, wait);
            if (status == CodecStatus.Timeout)
            {
                return _clock.NowMicros >= _deadlineMicros ? GiveUp() : ExchangeResult.Waiting;
            }
            if (status == CodecStatus.ConnectionClosed || status == CodecStatus.BadFrameLength)
            {
                Message = CodecStatusText.Describe(status);
                _link.Close();
                return ExchangeResult.ConnectionLost;
            }
            bool macFailed = status == CodecStatus.BadMac || status == CodecStatus.MacMissing;
            if (status != CodecStatus.Ok && !macFailed)
            {
                Message = "malformed answer: " + CodecStatusText.Describe(status);
                // Framing may be lost with it: start the next exchange on a fresh connection.
                _link.Close();
                return ExchangeResult.Malformed;
            }
            long answerTrace;
            if (_answer.MessageType != _expectedType || !_answer.TryGetNumber(11, out answerTrace) || answerTrace != _expectedTrace)
            {
                StrayAnswers++;
                return ExchangeResult.Waiting;
            }
            if (macFailed)
            {
                Message = CodecStatusText.Describe(status);
                return ExchangeResult.BadMac;
            }
            return ExchangeResult.Answered;
        }

        /// <summary>
        /// When Poll next has something to do with nothing new arriving: nowMicros while received bytes wait in
        /// the channel (a second frame behind a stray one), else the exchange's deadline.
        /// </summary>
        public long NextDueMicros(long nowMicros)
        {
            return _channel.BufferedBytes > 0 ? nowMicros : _deadlineMicros;
        }

        /// <summary>Stops waiting (the operator cancelled): the connection goes, so a late answer is never read.</summary>
        public void Abandon()
        {
            _link.Close();
            _channel.DiscardInput();
        }

        // A late answer must not be read as the answer to the next request: drop the connection with it.
        private ExchangeResult GiveUp()
        {
            Message = "no answer in time";
            _link.Close();
            _channel.DiscardInput();
            return ExchangeResult.NoAnswer;
        }
    }
}
