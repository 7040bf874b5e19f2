import type { ComponentMapping } from '@remote-ui/react/host';
import { BarChart, DescriptionList, DescriptionListItem, LineChart, Statistics, StatisticsItem, StatisticsTrend, Table, TableBody, TableCell, TableFooter, TableHead, TableHeader, TableRow } from './data.tsx';
import { CrmActionButton, CrmActionLink, CrmCardActions } from './crm-actions.tsx';
import { Button, ButtonRow, Form, LoadingButton } from './buttons.tsx';
import { DateInput, Input, MultiSelect, NumberInput, Select, TextArea } from './controls.tsx';
import { Alert, EmptyState, ErrorState, LoadingSpinner, ProgressBar, ScoreCircle, StatusTag, StepIndicator, Tag } from './feedback.tsx';
import { AutoGrid, Box, Card, Center, Divider, Flex, Inline, Spacer, Stack, Tile } from './layout.tsx';
import { Accordion, Modal, ModalBody, ModalFooter, Panel, PanelBody, PanelFooter, PanelSection, Tab, Tabs } from './overlays.tsx';
import { Heading, Link, List, Text, Tooltip } from './text.tsx';
import { Checkbox, Toggle } from './toggles.tsx';

/**
 * DOM stand-ins for HubSpot's remote components, keyed by the names @hubspot/ui-extensions
 * registers them under. A component the card uses that is missing here shows as a visible
 * placeholder (see remote-card.tsx), never silently.
 */
export const previewComponents: ComponentMapping = {
  Accordion,
  Alert,
  AutoGrid,
  BarChart,
  Box,
  Button,
  ButtonRow,
  Card,
  Center,
  Checkbox,
  CrmActionButton,
  CrmActionLink,
  CrmCardActions,
  DateInput,
  DescriptionList,
  DescriptionListItem,
  Divider,
  EmptyState,
  ErrorState,
  Flex,
  Form,
  Heading,
  Inline,
  Input,
  LineChart,
  Link,
  List,
  LoadingButton,
  LoadingSpinner,
  Modal,
  ModalBody,
  ModalFooter,
  MultiSelect,
  NumberInput,
  Panel,
  PanelBody,
  PanelFooter,
  PanelSection,
  ProgressBar,
  ScoreCircle,
  Select,
  Spacer,
  Stack,
  Statistics,
  StatisticsItem,
  StatisticsTrend,
  StatusTag,
  StepIndicator,
  Tab,
  Table,
  TableBody,
  TableCell,
  TableFooter,
  TableHead,
  TableHeader,
  TableRow,
  Tabs,
  Tag,
  Text,
  TextArea,
  Textarea: TextArea,
  Tile,
  Toggle,
  Tooltip,
};
